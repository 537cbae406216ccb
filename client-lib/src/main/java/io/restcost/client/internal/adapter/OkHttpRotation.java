package io.restcost.client.internal.adapter;

import io.restcost.client.event.CloseReason;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.auth.CredentialOrigins;
import io.restcost.client.internal.auth.LtpaToken;
import io.restcost.client.internal.auth.SharedToken;
import io.restcost.client.internal.auth.TokenLogin;
import io.restcost.client.internal.engine.okhttp.OkHttpStreams;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Rotation and token reuse for a stock OkHttp client, through its own mechanisms: an
 * {@link EventListener} sees each new connection and its handshake; a network interceptor
 * counts the exchanges of {@code chain.connection()} and sends {@code Connection: close} on
 * the last one the connection drew, after which OkHttp does not pool it.
 *
 * <p>On HTTP/2 (OkHttp's default where the server offers it, as mqweb does) every thread's
 * exchanges share one connection, and OkHttp takes it out of its pool only when that last
 * exchange's response headers arrive. The exchanges that began on it in the meantime
 * overshoot its drawn limit: at most the calls in flight at once, less one. They are counted
 * on the connection, which is reported closed once no call holds it (from OkHttp's
 * {@code connectionAcquired} to its {@code connectionReleased}) and OkHttp has closed its
 * socket (a call may hold it before its listener hears so), so each connection is one
 * session opened and retired once, and its count is the server's. Calls that each made a
 * connection at once, of which OkHttp kept one, report theirs as {@link CloseReason#RACED}. With LtpaToken2
 * login, an application interceptor logs in for requests to the credential origins and logs in
 * again once on a 401.
 *
 * <p>The token is not a header of the application's request: OkHttp copies those onto a
 * redirect's follow-up, to whatever origin. It travels as a tag ({@link Credential}), and the
 * network interceptor, which sees each hop, writes the Cookie header only on a hop to the
 * token's own origin. A login is tagged too: the network interceptor takes the
 * {@code Location} off its answer, so OkHttp never follows it (a 307 would post the password
 * on), and the login fails with the redirect's status.
 */
public final class OkHttpRotation {

    /** What a request carries for its hops: the token's Cookie header for {@code origin}, or (cookie null) a login to it. */
    record Credential(Origin origin, String cookieHeader) {
        @Override
        public String toString() {
            return "Credential{" + origin + (cookieHeader == null ? ", login" : ", token") + "}"; // never the token
        }
    }

    private final ConnectionStates states;
    private final TokenLogin login;
    private final CredentialOrigins credentials;
    private final Ticker ticker;
    private final Map<Origin, SharedToken> tokens = new ConcurrentHashMap<>();

    /**
     * @param login the token login, or null when the client does its own authentication
     * @param credentials the origins the login and the token go to; null without a login
     */
    public OkHttpRotation(ConnectionStates states, TokenLogin login, CredentialOrigins credentials, Ticker ticker) {
        this.states = states;
        this.login = login;
        this.credentials = credentials;
        this.ticker = ticker;
    }

    /** Counts each connection's exchanges and ends it at its drawn limits; add with {@code addNetworkInterceptor}. */
    public Interceptor networkInterceptor() {
        return this::rotate;
    }

    /** Sends and renews the token; add with {@code addInterceptor}. Null without a token login. */
    public Interceptor tokenInterceptor() {
        return login == null ? null : this::withToken;
    }

    /** Reports each connection a call opens, composed with the client's own listener. */
    public EventListener.Factory eventListenerFactory(EventListener.Factory own) {
        return call -> own.create(call).plus(new NewConnections());
    }

    private Response rotate(Interceptor.Chain chain) throws IOException {
        Connection connection = chain.connection();
        Request request = chain.request();
        Credential credential = request.tag(Credential.class);
        if (credential != null) {
            return withCredential(chain, request, credential);
        }
        if (connection == null) {
            return chain.proceed(request);
        }
        return rotated(chain, connection, request);
    }

    /** One hop of a request that carries a credential: only a hop to its own origin gets it. */
    private Response withCredential(Interceptor.Chain chain, Request request, Credential credential) throws IOException {
        Origin hop = origin(request.url());
        if (!hop.equals(credential.origin())) {
            if (credential.cookieHeader() == null) {
                // A login never gets here (its redirect is not followed); should it, it stops.
                throw new IOException("login to " + credential.origin() + " was redirected to " + hop
                        + ": the password goes only to " + credential.origin());
            }
            return rotated(chain, chain.connection(), request);
        }
        if (credential.cookieHeader() != null) {
            request = request.newBuilder().header("Cookie", credential.cookieHeader()).build();
        }
        Response response = rotated(chain, chain.connection(), request);
        if (credential.cookieHeader() == null && response.isRedirect()) {
            // Not followed: the login fails with the redirect's status, and no other origin sees the password.
            response = response.newBuilder().removeHeader("Location").build();
        }
        return response;
    }

    private Response rotated(Interceptor.Chain chain, Connection connection, Request request) throws IOException {
        if (connection == null) {
            return chain.proceed(request);
        }
        ConnectionStates.State s = states.get(connection);
        if (s == null) {
            s = states.opened(connection, origin(request.url()), null, null, Long.MIN_VALUE, false, null);
        }
        CloseReason last = states.exchange(s, -1);
        if (last != null) {
            // On HTTP/1.1 the connection's last request; on HTTP/2 OkHttp drops the header and
            // still takes the connection out of its pool once this response arrives.
            request = request.newBuilder().header("Connection", "close").build();
        }
        Response response = chain.proceed(request);
        if (last == null && "close".equalsIgnoreCase(response.header("Connection"))) {
            last = CloseReason.SERVER;
        }
        if (last != null) {
            // Reported closed when the last call holding it releases it (NewConnections).
            states.closed(s, last);
        }
        return response;
    }

    private static Origin origin(HttpUrl url) {
        return new Origin(url.scheme().toLowerCase(Locale.ROOT), url.host().toLowerCase(Locale.ROOT), url.port());
    }

    /**
     * One call's listener: remembers when it began to connect and to shake hands, and reports the
     * connection it made. On HTTP/2 several calls that find no connection each make one, and
     * OkHttp keeps one and closes the others unused: a call that made a connection and acquired
     * another (a different handshake) reports its own as {@link CloseReason#RACED}.
     */
    private final class NewConnections extends EventListener {
        private long connectStartMillis;
        private long secureConnectStartMillis;
        private InetSocketAddress address;
        private Handshake handshake;
        private boolean connected;
        private Protocol protocol;

        @Override
        public void connectStart(Call call, InetSocketAddress inetSocketAddress, Proxy proxy) {
            connectStartMillis = System.currentTimeMillis();
            address = inetSocketAddress;
        }

        @Override
        public void secureConnectStart(Call call) {
            // A ticket resumed here must come from a session created before this moment.
            secureConnectStartMillis = System.currentTimeMillis();
        }

        @Override
        public void secureConnectEnd(Call call, Handshake handshake) {
            this.handshake = handshake;
        }

        @Override
        public void connectEnd(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol) {
            connected = true;
            this.protocol = protocol;
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            if (connectStartMillis != 0) {
                Origin origin = origin(call.request().url());
                if (connected && handshake != null && connection.handshake() != handshake) {
                    states.raced(origin, address, handshake.tlsVersion().javaName(), protocol == null ? null : protocol.toString());
                } else {
                    states.opened(connection, origin, address, connection.socket() instanceof SSLSocket tls ? tls.getSession() : null,
                            secureConnectStartMillis != 0 ? secureConnectStartMillis : connectStartMillis, true,
                            connection.protocol().toString());
                }
                secureConnectStartMillis = 0;
                connectStartMillis = 0;
                handshake = null;
                connected = false;
                protocol = null;
            }
            // From acquiring the connection to releasing it the call is on it: a connection that
            // retires is reported closed once no call is and its socket is closed.
            ConnectionStates.State s = states.get(connection);
            if (s == null) {
                s = states.opened(connection, origin(call.request().url()), null, null, Long.MIN_VALUE, false, null);
            }
            states.begin(s);
        }

        @Override
        public void connectionReleased(Call call, Connection connection) {
            // By the connection, not by what this call acquired last: one call may hold two (a
            // login inside it, a follow-up), and their releases need not come in order.
            ConnectionStates.State s = states.get(connection);
            if (s != null) {
                // Read once per exchange, at its end: the server's SETTINGS come before its first answer.
                states.serverStreamLimit(s, OkHttpStreams.serverLimit(connection));
                states.end(s, connection.socket().isClosed());
            }
        }
    }

    private Response withToken(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        Origin origin = origin(request.url());
        if (!credentials.covers(origin) || login.loginRequest().path().equals(request.url().encodedPath())) {
            // Another service's request, or the application's own login: untouched.
            return chain.proceed(request);
        }
        SharedToken shared = tokens.computeIfAbsent(origin, o -> new SharedToken(o, ticker));
        LtpaToken token = token(shared, null, origin, chain);
        Response response = chain.proceed(request.newBuilder().tag(Credential.class, new Credential(origin, token.cookieHeader())).build());
        boolean repeatable = request.body() == null || !request.body().isOneShot();
        if (!TokenLogin.tokenRejected(response.code()) || !repeatable || !origin(response.request().url()).equals(origin)) {
            return response;
        }
        response.close();
        LtpaToken fresh = token(shared, token, origin, chain);
        return chain.proceed(request.newBuilder().tag(Credential.class, new Credential(origin, fresh.cookieHeader())).build());
    }

    private LtpaToken token(SharedToken shared, LtpaToken stale, Origin origin, Interceptor.Chain chain) throws IOException {
        LtpaToken t = shared.peek(stale);
        return t != null ? t : shared.get(stale, () -> login.login(origin, r -> send(r, origin, chain)), waitFor(chain));
    }

    /**
     * A call waits for another thread's login no longer than it may take itself (its call
     * timeout, else its connect and read timeouts), and not once it is cancelled (a call
     * timeout cancels it too).
     */
    private static SharedToken.Wait waitFor(Interceptor.Chain chain) {
        Call call = chain.call();
        long callNanos = call.timeout().timeoutNanos();
        long connectAndRead = (long) chain.connectTimeoutMillis() + chain.readTimeoutMillis();
        long limit = callNanos > 0 ? callNanos
                : chain.readTimeoutMillis() == 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(connectAndRead);
        return new SharedToken.Wait(limit, call::isCanceled);
    }

    /** Sends a request of restcost's own (the login) down the same chain, and reads it whole. */
    private static RestResponse send(RestRequest r, Origin origin, Interceptor.Chain chain) throws IOException {
        HttpUrl url = chain.request().url().newBuilder().encodedPath(r.path()).query(null).build();
        RequestBody body = r.body() == null ? null : RequestBody.create(r.body(), MediaType.get(r.contentType()));
        Request request = new Request.Builder().url(url).method(r.method(), body).tag(Credential.class, new Credential(origin, null))
                .build();
        try (Response response = chain.proceed(request)) {
            ResponseBody rb = response.body();
            byte[] bytes = rb == null ? new byte[0] : rb.bytes();
            return new LoginAnswer(response.code(), List.copyOf(response.headers("Set-Cookie")), bytes);
        }
    }
}
