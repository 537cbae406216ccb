package io.restcost.client.http;

/**
 * Which HTTP a client speaks, offered to the server by ALPN in the TLS handshake.
 *
 * <p>On HTTP/1.1 a connection carries one exchange at a time, so a session is lent to one
 * thread at a time and C threads hold up to C connections. On HTTP/2 a connection carries
 * many exchanges at once (streams), so threads share a session: pooled is one connection per
 * origin, rotating retires a connection once it has carried its drawn number of streams, and
 * one-shot is still a new connection per request.
 */
public enum HttpVersion {
    /** HTTP/1.1 only: what the client offers, and what it speaks. The default. */
    HTTP_1_1("1.1"),
    /**
     * HTTP/2, negotiated by ALPN: a server that does not choose it fails the request before
     * anything is sent, saying so. Needs {@code https://}. On the Apache engine it is HttpClient
     * 5's asynchronous HTTP/2 client behind the same blocking API.
     */
    HTTP_2("2"),
    /**
     * HTTP/2 and HTTP/1.1 offered, the server's choice spoken, as stock OkHttp and the JDK's
     * client do. Until the first connection to an origin is up, one request connects and the
     * rest wait for it, so the choice is known before a second connection is made. On the
     * Apache engine, or over plain http, this is HTTP/1.1.
     */
    SERVER_CHOICE("server's choice");

    private final String label;

    HttpVersion(String label) {
        this.label = label;
    }

    /** {@code 1.1}, {@code 2} or {@code server's choice}: how reports name it. */
    public String label() {
        return label;
    }
}
