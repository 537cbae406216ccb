package io.restcost.client.internal.engine;

import io.restcost.client.http.HostResolver;
import io.restcost.client.http.HttpVersion;
import io.restcost.client.internal.tls.TlsContexts;
import java.time.Duration;

/**
 * What both engines are built from: TLS material and timeouts.
 *
 * @param tls the TLS contexts, over material loaded once per client (null for plain HTTP only)
 * @param connectTimeout TCP connect (and TLS handshake) timeout
 * @param readTimeout the longest silence while reading a response
 * @param idleTimeout how long an unused connection may stay open
 * @param userAgent the User-Agent header value (Apache; OkHttp sends its own)
 * @param resolver where a session's connection goes, asked once per connection
 * @param http the HTTP offered by ALPN: HTTP/1.1, HTTP/2 (refused unless chosen) or both
 */
public record EngineSettings(TlsContexts tls, Duration connectTimeout, Duration readTimeout, Duration idleTimeout,
                             String userAgent, HostResolver resolver, HttpVersion http) {
}
