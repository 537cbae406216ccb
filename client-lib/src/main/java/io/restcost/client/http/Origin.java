package io.restcost.client.http;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port: what a connection goes to, and what an authentication token is
 * scoped to (a token set by one origin is never sent to another).
 */
public record Origin(String scheme, String host, int port) {

    /**
     * The origin of {@code uri}.
     *
     * @throws IllegalArgumentException if the URI has no http/https scheme or no host
     */
    public static Origin of(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw new IllegalArgumentException("URI must start with https:// or http://: " + uri);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("URI has no host: " + uri
                    + " (write it as https://HOST:PORT, e.g. https://localhost:9443)");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Origin(scheme, host.toLowerCase(Locale.ROOT), port);
    }

    /** Whether the scheme is https. */
    public boolean secure() {
        return scheme.equals("https");
    }

    /** {@code https://host:port}, with IPv6 hosts in brackets. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port;
    }
}
