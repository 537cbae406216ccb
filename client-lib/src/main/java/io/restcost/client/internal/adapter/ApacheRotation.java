package io.restcost.client.internal.adapter;

import io.restcost.client.event.CloseReason;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.auth.CredentialOrigins;
import io.restcost.client.internal.auth.LtpaToken;
import io.restcost.client.internal.auth.SharedToken;
import io.restcost.client.internal.auth.TokenLogin;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.DefaultClientConnectionReuseStrategy;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.Timeout;

/**
 * Rotation and token reuse for a stock Apache HttpClient 5, through its own seams: a
 * {@link ConnectionReuseStrategy} that keeps a connection only while it is under the limits it
 * drew (its {@link EndpointDetails} count the exchanges), and an {@link ExecChainHandler} that
 * notes when each exchange began (to tell a resumed handshake from a full one) and, with
 * LtpaToken2 login, sends the token and logs in again once on a 401.
 *
 * <p>The handler sits under the client's redirect handling, so it sees each hop on its own: a
 * hop to a credential origin gets that origin's token, any other hop goes untouched, and a
 * login's redirect comes back to it as the login's answer instead of being followed.
 */
public final class ApacheRotation {

    /** Context attribute: wall-clock milliseconds at which the current exchange began. */
    static final String STARTED = "restcost.started";

    /**
     * When this thread's exchange began making a new connection: the pool creates it on the
     * requesting thread right before connecting, and the exchange's response is read on the
     * same thread (the classic client blocks), so no map from connection to time is needed.
     */
    private static final ThreadLocal<Long> CONNECTING = new ThreadLocal<>();

    private final ConnectionStates states;
    private final TokenLogin login;
    private final CredentialOrigins credentials;
    private final Ticker ticker;
    private final Map<HttpHost, Origin> origins = new ConcurrentHashMap<>();
    private final Map<Origin, SharedToken> tokens = new ConcurrentHashMap<>();

    /**
     * @param login the token login, or null when the client does its own authentication
     * @param credentials the origins the login and the token go to; null without a login
     */
    public ApacheRotation(ConnectionStates states, TokenLogin login, CredentialOrigins credentials, Ticker ticker) {
        this.states = states;
        this.login = login;
        this.credentials = credentials;
        this.ticker = ticker;
    }

    /** Keeps a connection while the server and the connection's drawn limits allow. */
    public ConnectionReuseStrategy reuseStrategy() {
        return this::keepAlive;
    }

    /** The pool's connection factory, noting when each new connection begins. */
    public HttpConnectionFactory<ManagedHttpClientConnection> connectionFactory() {
        return socket -> {
            CONNECTING.set(System.currentTimeMillis());
            return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(socket);
        };
    }

    /** Notes when each exchange began and, with a token login, sends and renews the token. */
    public ExecChainHandler handler() {
        return this::execute;
    }

    private boolean keepAlive(HttpRequest request, HttpResponse response, HttpContext context) {
        boolean serverKeeps = DefaultClientConnectionReuseStrategy.INSTANCE.keepAlive(request, response, context);
        HttpCoreContext core = HttpCoreContext.cast(context);
        EndpointDetails endpoint = core.getEndpointDetails();
        if (endpoint == null) {
            return serverKeeps;
        }
        ConnectionStates.State s = states.get(endpoint);
        if (s == null) {
            s = opened(endpoint, request, core);
        }
        CloseReason last = states.exchange(s, (int) Math.min(Integer.MAX_VALUE, endpoint.getRequestCount()));
        if (!serverKeeps && last == null) {
            last = CloseReason.SERVER;
        }
        if (last != null) {
            states.closed(s, last);
            return false;
        }
        return true;
    }

    private ConnectionStates.State opened(EndpointDetails endpoint, HttpRequest request, HttpCoreContext context) {
        SSLSession tls = context.getSSLSession();
        SocketAddress remote = endpoint.getRemoteAddress();
        Long connecting = CONNECTING.get();
        long started = connecting != null ? connecting : context.getAttribute(STARTED) instanceof Long t ? t : Long.MIN_VALUE;
        return states.opened(endpoint, origin(request, tls != null), remote instanceof InetSocketAddress a ? a : null, tls, started,
                connecting != null, null);
    }

    private static Origin origin(HttpRequest request, boolean secure) {
        String scheme = request.getScheme() != null ? request.getScheme().toLowerCase(Locale.ROOT) : secure ? "https" : "http";
        var authority = request.getAuthority();
        String host = authority == null ? "unknown" : authority.getHostName().toLowerCase(Locale.ROOT);
        int port = authority == null || authority.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : authority.getPort();
        return new Origin(scheme, host, port);
    }

    private ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        scope.clientContext.setAttribute(STARTED, System.currentTimeMillis());
        CONNECTING.remove();
        if (login == null) {
            return chain.proceed(request, scope);
        }
        HttpHost target = scope.route.getTargetHost();
        Origin origin = origins.computeIfAbsent(target, h -> new Origin(h.getSchemeName().toLowerCase(Locale.ROOT),
                h.getHostName().toLowerCase(Locale.ROOT), h.getPort() >= 0 ? h.getPort()
                        : h.getSchemeName().equalsIgnoreCase("https") ? 443 : 80));
        if (!credentials.covers(origin) || login.loginRequest().path().equals(request.getPath())) {
            // Another service's request, or the application's own login: untouched.
            return chain.proceed(request, scope);
        }
        SharedToken shared = tokens.computeIfAbsent(origin, o -> new SharedToken(o, ticker));
        LtpaToken token = token(shared, null, origin, target, scope, chain);
        request.setHeader("Cookie", token.cookieHeader());
        ClassicHttpResponse response = chain.proceed(request, scope);
        boolean repeatable = request.getEntity() == null || request.getEntity().isRepeatable();
        if (!TokenLogin.tokenRejected(response.getCode()) || !repeatable) {
            return response;
        }
        EntityUtils.consume(response.getEntity());
        response.close();
        LtpaToken fresh = token(shared, token, origin, target, scope, chain);
        request.setHeader("Cookie", fresh.cookieHeader());
        return chain.proceed(request, scope);
    }

    private LtpaToken token(SharedToken shared, LtpaToken stale, Origin origin, HttpHost target, ExecChain.Scope scope,
            ExecChain chain) throws IOException {
        LtpaToken t = shared.peek(stale);
        return t != null ? t : shared.get(stale, () -> login.login(origin, r -> send(r, target, scope, chain)), waitFor(scope));
    }

    /**
     * A request waits for another thread's login no longer than its response timeout (the
     * engine's default of 3 minutes when it sets none), and not once it is aborted.
     */
    private static SharedToken.Wait waitFor(ExecChain.Scope scope) {
        Timeout response = HttpClientContext.castOrCreate(scope.clientContext).getRequestConfigOrDefault().getResponseTimeout();
        Duration limit = response == null || response.isDisabled() ? Duration.ofMinutes(3) : Duration.ofMillis(response.toMilliseconds());
        return SharedToken.Wait.upTo(limit, scope.execRuntime::isExecutionAborted);
    }

    /** Sends a request of restcost's own (the login) down the same chain, and reads it whole. */
    private static RestResponse send(RestRequest r, HttpHost target, ExecChain.Scope scope, ExecChain chain) throws IOException {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(r.method(), target, r.path());
        if (r.body() != null) {
            request.setEntity(new ByteArrayEntity(r.body(), ContentType.parse(r.contentType())));
        }
        ExecChain.Scope own = new ExecChain.Scope(scope.exchangeId, scope.route, request, scope.execRuntime, scope.clientContext);
        try (ClassicHttpResponse response = chain.proceed(request, own)) {
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            List<String> setCookies = new ArrayList<>();
            for (Header h : response.getHeaders("Set-Cookie")) {
                setCookies.add(h.getValue());
            }
            return new LoginAnswer(response.getCode(), setCookies, body);
        } catch (HttpException e) {
            throw new IOException("login to " + target + r.path() + " failed: " + e.getMessage(), e);
        }
    }
}
