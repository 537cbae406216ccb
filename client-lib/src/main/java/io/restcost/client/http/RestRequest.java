package io.restcost.client.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One REST request: a method, a target, headers and an optional body. Immutable and
 * thread-safe: build it once and send it as often as you like, from any thread.
 *
 * <p>The target is either a path ({@code /ibmmq/rest/v2/admin/qmgr}), sent to the client's
 * base URI, or an absolute {@code https://} URI, sent to that origin with its own sessions
 * and its own token.
 */
public final class RestRequest {

    private final String method;
    private final String path;
    private final Origin origin;
    private final String[] headers;
    private final byte[] body;
    private final String contentType;

    private RestRequest(String method, String path, Origin origin, String[] headers, byte[] body, String contentType) {
        this.method = method;
        this.path = path;
        this.origin = origin;
        this.headers = headers;
        this.body = body;
        this.contentType = contentType;
    }

    /** A GET of {@code target} (a path or an absolute URI). */
    public static RestRequest get(String target) {
        return builder("GET", target).build();
    }

    /** A DELETE of {@code target}. */
    public static RestRequest delete(String target) {
        return builder("DELETE", target).build();
    }

    /** A POST of a JSON body to {@code target}. */
    public static RestRequest postJson(String target, String json) {
        return builder("POST", target).body("application/json", json.getBytes(StandardCharsets.UTF_8)).build();
    }

    /**
     * A builder for any method.
     *
     * @throws IllegalArgumentException if the method is blank or the target is neither a path
     *     starting with {@code /} nor an absolute http(s) URI
     */
    public static Builder builder(String method, String target) {
        return new Builder(method, target);
    }

    public String method() {
        return method;
    }

    /** The path and query sent on the request line, e.g. {@code /ibmmq/rest/v2/admin/qmgr}. */
    public String path() {
        return path;
    }

    /** The origin of an absolute target, or null when the request goes to the client's base URI. */
    public Origin origin() {
        return origin;
    }

    /** The number of extra headers. */
    public int headerCount() {
        return headers.length / 2;
    }

    public String headerName(int i) {
        return headers[2 * i];
    }

    public String headerValue(int i) {
        return headers[2 * i + 1];
    }

    /** The body, or null; do not modify. */
    public byte[] body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * Whether sending this request twice cannot change the outcome: GET, HEAD, OPTIONS, PUT and
     * DELETE, except mqweb's destructive get ({@code DELETE .../message}), which takes another
     * message each time it is sent. Only such a request is sent again after its connection
     * failed under it.
     */
    public boolean idempotent() {
        return idempotent(method, path);
    }

    /** As {@link #idempotent()}, for {@code method} (upper case) on {@code path} (query allowed). */
    public static boolean idempotent(String method, String path) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "PUT" -> true;
            case "DELETE" -> !destructiveGet(path);
            default -> false;
        };
    }

    /** mqweb's messaging API gets (removes) a message with DELETE on {@code .../queue/Q/message}. */
    private static boolean destructiveGet(String path) {
        int query = path.indexOf('?');
        String p = query < 0 ? path : path.substring(0, query);
        return p.endsWith("/message") || p.endsWith("/message/");
    }

    /** Whether mqweb wants the {@code ibm-mq-rest-csrf-token} header on this method. */
    public boolean needsCsrfHeader() {
        return method.equals("POST") || method.equals("PATCH") || method.equals("DELETE");
    }

    /** RFC 9110's tchar: what a method and a header name are made of. */
    private static boolean tchar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The index of the first character of {@code s} that is not a tchar, or -1. */
    private static int firstNonToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!tchar(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first character that is neither a tab nor printable ASCII (what OkHttp allows), or -1. */
    private static int firstNonHeaderValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code type/subtype}, each a token, then any parameters (as both engines parse it). */
    private static boolean mediaType(String s) {
        int semicolon = s.indexOf(';');
        String essence = (semicolon < 0 ? s : s.substring(0, semicolon)).trim();
        int slash = essence.indexOf('/');
        return slash > 0 && slash < essence.length() - 1 && firstNonToken(essence.substring(0, slash)) < 0
                && firstNonToken(essence.substring(slash + 1)) < 0 && firstNonHeaderValue(s) < 0;
    }

    /** Method and target only; headers and body may hold secrets and are never printed. */
    @Override
    public String toString() {
        return method + " " + (origin == null ? "" : origin.toString()) + path;
    }

    /** Builds a {@link RestRequest}; not thread-safe. Each argument is checked when it is set. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Origin origin;
        private String[] headers = new String[0];
        private byte[] body;
        private String contentType;

        private Builder(String method, String target) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(target, "target");
            if (method.isBlank()) {
                throw new IllegalArgumentException("method must not be blank");
            }
            int bad = firstNonToken(method);
            if (bad >= 0) {
                throw new IllegalArgumentException("method \"" + method + "\" has a character not allowed in a method at index " + bad);
            }
            this.method = method.toUpperCase(Locale.ROOT);
            if (target.startsWith("/")) {
                this.path = target;
                this.origin = null;
            } else {
                URI uri;
                try {
                    uri = URI.create(target);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("target is not a path or a URI: " + target
                            + " (give a path like /ibmmq/rest/v2/admin/qmgr or a URI like https://host:9443/...)");
                }
                this.origin = Origin.of(uri);
                String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                this.path = uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
            }
        }

        /**
         * Adds a header. Both engines must be able to send it, so it is checked here as the
         * stricter of them checks it: a name of token characters, a value of printable ASCII
         * and tabs. The message names the header, never its value (it may be a secret).
         *
         * @throws IllegalArgumentException if the name is blank, is not an HTTP token, names a
         *     header restcost manages itself (Connection, Cookie, Authorization, Host,
         *     Content-Length), or the value has a character that is not printable ASCII or a tab
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            int badName = firstNonToken(name);
            if (!name.isEmpty() && badName >= 0) {
                throw new IllegalArgumentException("header name \"" + name + "\" has a character not allowed in a header name at index "
                        + badName);
            }
            int badValue = firstNonHeaderValue(value);
            if (badValue >= 0) {
                throw new IllegalArgumentException("header " + name + ": its value has a character that is not printable ASCII at index "
                        + badValue + " (HTTP headers are ASCII: encode the value, e.g. with URLEncoder)");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isBlank() || lower.equals("connection") || lower.equals("cookie")
                    || lower.equals("authorization") || lower.equals("host") || lower.equals("content-length")) {
                throw new IllegalArgumentException("header " + name + " is managed by restcost; "
                        + "set connection reuse with a SessionPolicy and credentials with Auth");
            }
            headers = Arrays.copyOf(headers, headers.length + 2);
            headers[headers.length - 2] = name;
            headers[headers.length - 1] = value;
            return this;
        }

        /**
         * Sets the body and its media type; the bytes are copied, so the array may be reused.
         * Leave it unset for a request without a body (a POST, PUT or PATCH then sends an
         * empty one).
         *
         * @param contentType the {@code Content-Type}, e.g. {@code application/json}
         * @param body the bytes to send; {@code new byte[0]} for an empty body
         * @throws NullPointerException naming the argument if either is null
         * @throws IllegalArgumentException if the content type is blank
         * @throws IllegalStateException if the body was already set
         */
        public Builder body(String contentType, byte[] body) {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body (for a request without a body, do not call body(); "
                    + "for an empty one pass new byte[0])");
            if (contentType.isBlank()) {
                throw new IllegalArgumentException("contentType must not be blank, e.g. application/json");
            }
            if (!mediaType(contentType)) {
                throw new IllegalArgumentException("contentType " + contentType + " is not a media type: write type/subtype,"
                        + " e.g. application/json");
            }
            if (this.body != null) {
                throw new IllegalStateException("body was already set (" + this.body.length + " bytes of " + this.contentType + ")");
            }
            this.contentType = contentType;
            this.body = body.clone();
            return this;
        }

        /**
         * Returns the request. The builder may go on being changed and built again; requests
         * already built do not change.
         */
        public RestRequest build() {
            return new RestRequest(method, path, origin, headers.clone(), body, contentType);
        }
    }
}
