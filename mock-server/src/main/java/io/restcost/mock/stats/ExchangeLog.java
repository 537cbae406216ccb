package io.restcost.mock.stats;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every exchange the API answered, with the headers a client's tests check: what cookie and
 * credentials came, whether the CSRF header and {@code Connection: close} did, and the status
 * and token cookie that went back. For tests of clients; off unless the builder turns it on.
 *
 * <p>It holds secrets (passwords in Authorization headers, token values) in memory: the
 * records never print them, and nothing here is written anywhere. Thread-safe.
 */
public final class ExchangeLog {

    /**
     * One exchange.
     *
     * @param cookie the Cookie header, or null
     * @param authorization the Authorization header, or null
     * @param csrfHeader whether {@code ibm-mq-rest-csrf-token} came
     * @param connectionClose whether the request said {@code Connection: close}
     * @param status the status answered; 0 when a fault (a reset, an empty or a malformed
     *     response) lost the response after the request was carried out
     * @param setCookie the Set-Cookie header the answer carried (lost with it on a fault), or null
     */
    public record Exchange(String method, String path, String cookie, String authorization, boolean csrfHeader,
                           boolean connectionClose, int status, String setCookie) {

        /** Method, path and status; never the headers, which hold secrets. */
        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

    /** Records what {@code request} brought and {@code response} answered. */
    public void record(Request request, ResponseDefinition response) {
        HttpHeader setCookie = response.getHeaders() == null ? null : response.getHeaders().getHeader("Set-Cookie");
        exchanges.add(new Exchange(request.getMethod().getName(), request.getUrl(), request.getHeader("Cookie"),
                request.getHeader("Authorization"), request.containsHeader("ibm-mq-rest-csrf-token"),
                "close".equalsIgnoreCase(request.getHeader("Connection")), response.getFault() != null ? 0 : response.getStatus(),
                setCookie != null && setCookie.isPresent() ? setCookie.firstValue() : null));
    }

    /** The exchanges so far, in the order they were answered. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public void clear() {
        exchanges.clear();
    }
}
