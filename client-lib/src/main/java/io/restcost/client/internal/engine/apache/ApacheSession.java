package io.restcost.client.internal.engine.apache;

import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.engine.SessionTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/** One session's HttpClient over its one-connection manager. */
final class ApacheSession implements SessionTransport {

    private static final byte[] EMPTY = new byte[0];

    private final HttpHost host;
    private final CloseableHttpClient client;

    ApacheSession(HttpHost host, BasicHttpClientConnectionManager manager, String userAgent) {
        this.host = host;
        this.client = HttpClients.custom()
                .setConnectionManager(manager)
                .setUserAgent(userAgent)
                // restcost sends the cookie and the Authorization header itself: the engine
                // must add nothing, follow nothing and remember nothing.
                .disableCookieManagement()
                .disableAuthCaching()
                .disableRedirectHandling()
                .disableContentCompression()
                // Connection state (the TLS principal) would make the manager drop a
                // client-certificate connection instead of reusing it.
                .disableConnectionState()
                .setRetryStrategy(StaleConnectionRetry.INSTANCE)
                .build();
    }

    @Override
    public RestResponse exchange(RestRequest request, String authorization, String cookie,
                                 String csrfToken, boolean last) throws IOException {
        BasicClassicHttpRequest r = new BasicClassicHttpRequest(request.method(), host, request.path());
        headers(r, request, authorization, cookie, csrfToken);
        if (last) {
            r.setHeader("Connection", "close");
        }
        if (request.body() != null) {
            r.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        }
        return client.execute(host, r, response -> {
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? EMPTY : EntityUtils.toByteArray(entity);
            return new ApacheResponse(response.getCode(), response.getHeaders(), body);
        });
    }

    /** The request's own headers, then the credentials and the CSRF header restcost adds: the same on both of Apache's clients. */
    static void headers(HttpMessage r, RestRequest request, String authorization, String cookie, String csrfToken) {
        for (int i = 0, n = request.headerCount(); i < n; i++) {
            r.addHeader(request.headerName(i), request.headerValue(i));
        }
        if (authorization != null) {
            r.setHeader("Authorization", authorization);
        }
        if (cookie != null) {
            r.setHeader("Cookie", cookie);
        }
        if (csrfToken != null) {
            r.setHeader("ibm-mq-rest-csrf-token", csrfToken);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // Closing a socket that is already gone: nothing to do.
        }
    }

    /**
     * Retries an idempotent request once when a reused connection turns out to have been
     * closed by the server while idle; never retries on a response status, and never waits.
     */
    private enum StaleConnectionRetry implements HttpRequestRetryStrategy {
        INSTANCE;

        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            if (execCount > 1 || exception instanceof ConnectException) {
                return false;
            }
            boolean stale = exception instanceof NoHttpResponseException || exception instanceof SocketException;
            return stale && RestRequest.idempotent(request.getMethod(), request.getPath());
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }
}
