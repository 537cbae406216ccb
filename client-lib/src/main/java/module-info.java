/**
 * restcost's embeddable client: a REST client whose connection strategy (one-shot, pooled,
 * rotating) is a policy, with LtpaToken2 reuse, Micrometer metrics and events, on Apache
 * HttpClient 5 or OkHttp.
 *
 * <p>The exported packages are the API. {@code io.restcost.client.internal} and its
 * subpackages are not: they change without notice, and this module does not export them.
 */
module io.restcost.client {
    requires transitive micrometer.core;
    // The drop-in rotation of the JDK's own client returns a java.net.http.HttpClient.
    requires transitive java.net.http;
    // The engines are optional: an application brings the one it uses. The drop-in rotation
    // configures the application's own clients, so their types are in its API (transitive).
    requires static transitive org.apache.httpcomponents.client5.httpclient5;
    requires static transitive org.apache.httpcomponents.core5.httpcore5;
    requires static transitive okhttp3;

    exports io.restcost.client;
    exports io.restcost.client.adapter;
    exports io.restcost.client.auth;
    exports io.restcost.client.event;
    exports io.restcost.client.http;
    exports io.restcost.client.session;
    exports io.restcost.client.tls;
}
