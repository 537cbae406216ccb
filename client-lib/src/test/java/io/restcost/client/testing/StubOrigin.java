package io.restcost.client.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plain WireMock server standing for an origin a test needs to shape freely (a login that
 * redirects, a second service the application also calls): https with the {@link TestPki}
 * server certificate, or plain http, on one loopback address. It answers 200 to anything not
 * stubbed and keeps every request, so a test can say what reached it.
 */
public final class StubOrigin implements AutoCloseable {

    /** mqweb's login path. */
    public static final String LOGIN = "/ibmmq/rest/v2/login";

    private final WireMockServer server;
    private final String scheme;
    private final String host;

    private StubOrigin(WireMockServer server, String scheme, String host) {
        this.server = server;
        this.scheme = scheme;
        this.host = host;
    }

    /** An https origin on {@code host} (127.0.0.1 to 127.0.0.3), its certificate from {@code pki}. */
    public static StubOrigin https(String host, TestPki pki) {
        WireMockConfiguration c = wireMockConfig().bindAddress(host).httpDisabled(true).httpsPort(0)
                .keystorePath(pki.serverKeystore.toString()).keystorePassword(pki.password).keyManagerPassword(pki.password)
                .keystoreType("PKCS12");
        return start(c, "https", host);
    }

    /** A plain-http origin on {@code host}. */
    public static StubOrigin http(String host) {
        return start(wireMockConfig().bindAddress(host).port(0), "http", host);
    }

    private static StubOrigin start(WireMockConfiguration c, String scheme, String host) {
        WireMockServer s = new WireMockServer(c.gzipDisabled(true).stubRequestLoggingDisabled(true));
        s.start();
        s.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200).withBody("{}")));
        return new StubOrigin(s, scheme, host);
    }

    /** {@code scheme://host:port}. */
    public URI uri() {
        return URI.create(scheme + "://" + host + ":" + (scheme.equals("https") ? server.httpsPort() : server.port()));
    }

    /** {@code uri()} plus {@code path}. */
    public String url(String path) {
        return uri() + path;
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** Answers mqweb's login with a Secure, HttpOnly {@code LtpaToken2_test} of {@code value}, as mqweb does; returns this. */
    public StubOrigin tokenLogin(String value) {
        server.stubFor(post(urlEqualTo(LOGIN)).willReturn(aResponse().withStatus(204)
                .withHeader("Set-Cookie", "LtpaToken2_test=" + value + "; Path=/; Secure; HttpOnly")));
        return this;
    }

    /** Every request line, header and body this origin received, as one text to search for secrets. */
    public String everythingSeen() {
        StringBuilder s = new StringBuilder();
        requests().forEach(r -> s.append(r.getMethod()).append(' ').append(r.getUrl()).append('\n')
                .append(r.getHeaders()).append('\n').append(r.getBodyAsString()).append('\n'));
        return s.toString();
    }

    /** Every request that reached this origin, oldest first. */
    public List<LoggedRequest> requests() {
        List<LoggedRequest> all = new ArrayList<>(server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(all);
        return all;
    }

    /** The value of {@code header} on every request that carried it. */
    public List<String> headersSeen(String header) {
        return requests().stream().filter(r -> r.containsHeader(header)).map(r -> r.getHeader(header)).toList();
    }

    /** Requests with this method and path. */
    public long count(String method, String path) {
        return requests().stream().filter(r -> r.getMethod().getName().equals(method) && r.getUrl().equals(path)).count();
    }

    @Override
    public void close() {
        server.stop();
    }
}
