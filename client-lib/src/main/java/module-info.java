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
    // The drop-in rotation configures the application's own clients: their types are in its API.
    requires transitive org.apache.httpcomponents.client5.httpclient5;
    requires transitive org.apache.httpcomponents.core5.httpcore5;
    requires transitive okhttp3;

    exports io.restcost.client;
    exports io.restcost.client.adapter;
    exports io.restcost.client.auth;
    exports io.restcost.client.event;
    exports io.restcost.client.http;
    exports io.restcost.client.session;
    exports io.restcost.client.tls;
}
