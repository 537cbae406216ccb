package io.restcost.mock;

import com.github.benmanes.caffeine.cache.Ticker;
import io.restcost.kit.GeneratedPki;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.api.ResponseShaping;
import io.restcost.mock.server.ClientAuthMode;
import io.restcost.mock.tls.ServerTlsProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of a mock, defaults applied: what {@link MockMqWebBuilder#start()} copies out
 * of the builder, so the builder can be changed and started again.
 *
 * @param keyStore the user's keystore, or null to generate a PKI
 * @param trustStore the user's truststore for client certificates, or null
 * @param stateDir where files are written, or null for a new temporary folder
 * @param users the users, or null for the default ones with random passwords
 * @param authCacheTimeout null when there is no authentication cache
 * @param tokenKeyFile a token key shared with other instances, or null for a random key
 * @param cookieSuffix the token cookie's suffix, or null for a random one
 * @param http2 whether HTTP/2 is offered by ALPN beside HTTP/1.1, as Liberty does
 * @param http2MaxConcurrentStreams the SETTINGS_MAX_CONCURRENT_STREAMS announced, or 0 for Jetty's own
 */
record MockSettings(
        String bindAddress, int port, boolean https, GeneratedPki.KeyType certificateType, List<String> extraHosts,
        Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword, Path stateDir,
        List<String> protocols, boolean tlsResumption, ServerTlsProvider tlsProvider, boolean http2, int http2MaxConcurrentStreams, ClientAuthMode clientAuth, boolean ssoRequiresSsl,
        List<UserRegistry.User> users, int passwordIterations, int requestWork, Duration authCacheTimeout, int authCacheMaxSize,
        Duration tokenExpiry, Path tokenKeyFile, String realm, String cookieSuffix, boolean trackLoggedOutTokens,
        int csrfStatus, int maxKeepAliveRequests, Duration idleTimeout, ResponseShaping shaping, String queueManager,
        List<String> queues, int maxQueueDepth, int containerThreads, boolean wireMockStubs, boolean recordExchanges,
        Clock clock, Ticker ticker) {
}
