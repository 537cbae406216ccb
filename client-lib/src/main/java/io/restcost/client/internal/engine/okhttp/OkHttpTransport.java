package io.restcost.client.internal.engine.okhttp;

import io.restcost.client.http.Origin;
import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.engine.EngineSettings;
import io.restcost.client.internal.engine.SessionTransport;
import io.restcost.client.internal.engine.TlsSocketFactory;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.http.HttpVersion;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * OkHttp 5: one base client holds the TLS setup and timeouts; each session derives a client
 * with {@link OkHttpClient#newBuilder()} that has its own one-connection pool, its own socket
 * factory (so its connections report to it) and its own event listener. A session is exactly
 * one connection: on HTTP/1.1 {@code Connection: close} means what it says; on HTTP/2 the
 * session's streams share it, and the pool that lends them closes it once they have ended.
 */
public final class OkHttpTransport implements Transport {

    private final OkHttpClient base;
    private final long idleTimeoutNanos;

    public OkHttpTransport(EngineSettings settings) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .protocols(settings.http() == HttpVersion.HTTP_1_1 ? List.of(Protocol.HTTP_1_1)
                        : List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                // Retries a request that met a connection the server had closed while idle.
                .retryOnConnectionFailure(true)
                .dns(settings.resolver()::resolve)
                // One connection attempt at a time, to the resolver's addresses in order: a
                // session is exactly one connection, counted on the server it was meant for.
                .fastFallback(false);
        if (settings.http() == HttpVersion.HTTP_2) {
            b.addNetworkInterceptor(OkHttpTransport::requireHttp2);
        }
        if (settings.tls() != null) {
            b.sslSocketFactory(new TlsSocketFactory(settings.tls()), settings.tls().trustManager());
            if (!settings.tls().verifyHostname()) {
                b.hostnameVerifier((host, session) -> true);
            }
        }
        this.base = b.build();
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
    }

    @Override
    public SessionTransport openSession(Origin origin, ConnectionHooks hooks) {
        TrackedSocketFactory sockets = new TrackedSocketFactory(hooks);
        OkHttpClient client = base.newBuilder()
                .connectionPool(new ConnectionPool(1, idleTimeoutNanos, TimeUnit.NANOSECONDS))
                .socketFactory(sockets)
                .eventListener(new HandshakeReporter(sockets))
                .build();
        return new OkHttpSession(origin.toString(), client);
    }

    /** HTTP/2 was asked for: a connection that negotiated HTTP/1.1 carries nothing, and says why. */
    private static Response requireHttp2(Interceptor.Chain chain) throws IOException {
        Connection c = chain.connection();
        if (c != null && c.handshake() != null && c.protocol() != Protocol.HTTP_2) {
            throw new IOException(chain.request().url().scheme() + "://" + chain.request().url().host() + ":"
                    + chain.request().url().port() + " chose " + c.protocol() + " by ALPN, not HTTP/2: nothing was sent."
                    + " Use HttpVersion.SERVER_CHOICE to speak what the server offers, or HTTP_1_1");
        }
        return chain.proceed(chain.request());
    }

    @Override
    public String version() {
        return "okhttp/" + OkHttp.VERSION;
    }

    @Override
    public void close() {
        // Synchronous calls use no dispatcher threads; sessions close their own pools.
    }
}
