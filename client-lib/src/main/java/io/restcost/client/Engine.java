package io.restcost.client;

/** The HTTP engine a {@link RestClient} drives; both behave identically under every policy. */
public enum Engine {
    /** Apache HttpClient 5, classic (blocking) API. */
    APACHE_HTTPCLIENT5("apache"),
    /** OkHttp 5, forced to HTTP/1.1 so that a session is exactly one connection. */
    OKHTTP("okhttp");

    private final String tag;

    Engine(String tag) {
        this.tag = tag;
    }

    /** The short name used in metric tags and reports: {@code apache} or {@code okhttp}. */
    public String tag() {
        return tag;
    }
}
