package io.restcost.client.internal.adapter;

import io.restcost.client.session.RotationLimits;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Rotation for the JDK's own {@link HttpClient}, which has no connection age or request limit:
 * requests go to an inner client built from the application's builder, and after the inner
 * client was handed its drawn number of requests, or lived its drawn age, the next request
 * goes to a fresh one. The old one gets no new request and is shut down once its last
 * exchange ends, so no exchange is cut off; every connection it made then closes.
 *
 * <p>A generation is one inner client, so its connections carry its requests between them: on
 * HTTP/2 one connection per origin carries them all; on HTTP/1.1 each of its connections
 * carries a part, never more than the generation's limit. A generation's first request goes
 * alone and the rest wait for it to end, or the JDK's client opens a connection for each
 * request waiting on a new HTTP/2 origin and keeps one.
 *
 * <p>{@code HttpClient.shutdown()} exists from Java 21. On Java 17 an old inner client cannot be
 * shut down: it is dropped, and its idle connections stay open until the JDK's keep-alive timeout
 * ({@code jdk.httpclient.keepalive.timeout}, 1,200 s by default; set it to about the policy's
 * idle timeout) or until the garbage collector finds the client unreachable, whichever comes first.
 *
 * <p>Thread-safe: one lock guards which generation is current and its counts.
 */
public final class JdkRotation extends HttpClient {

    private static final Method SHUTDOWN = shutdownMethod();

    private final HttpClient.Builder builder;
    private final SessionPolicy policy;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final HttpClient settings;
    private Generation current; // guarded by this
    private long generations; // guarded by this

    /** One inner client and its counts. Guarded by the rotation's lock. */
    private static final class Generation {
        final HttpClient client;
        final int maxRequests;
        final long deadlineNanos;
        int lent;
        int inFlight;
        boolean retired;
        // Completes when the generation's first exchange ends: until then the others wait, so
        // threads starting together share its first connection instead of racing one each.
        final CompletableFuture<Void> up = new CompletableFuture<>();

        Generation(HttpClient client, int maxRequests, long deadlineNanos) {
            this.client = client;
            this.maxRequests = maxRequests;
            this.deadlineNanos = deadlineNanos;
        }
    }

    /**
     * @param builder the application's builder; each generation is {@code builder.build()}
     * @param random the source of jitter, used under the rotation's lock
     */
    public JdkRotation(HttpClient.Builder builder, SessionPolicy policy, Ticker ticker, RandomGenerator random) {
        this.builder = builder;
        this.policy = policy;
        this.ticker = ticker;
        this.random = random;
        synchronized (this) {
            this.current = newGeneration();
            this.settings = current.client;
        }
    }

    /** Inner clients made so far, the current one included. */
    public synchronized long generations() {
        return generations;
    }

    private Generation newGeneration() {
        RotationLimits limits = RotationLimits.draw(policy, random);
        long age = limits.maxAgeNanos();
        long now = ticker.read();
        long deadline = age >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + age;
        generations++;
        return new Generation(builder.build(), limits.maxRequests(), deadline);
    }

    /** A generation lent for one exchange; {@code first} when it is the generation's first, which goes at once. */
    private record Lease(Generation g, boolean first) {
    }

    private Lease lend() {
        Generation old = null;
        Generation g;
        boolean first;
        synchronized (this) {
            g = current;
            if (g.lent >= g.maxRequests || ticker.read() >= g.deadlineNanos) {
                g.retired = true;
                if (g.inFlight == 0) {
                    old = g;
                }
                g = newGeneration();
                current = g;
            }
            g.lent++;
            g.inFlight++;
            first = g.lent == 1;
        }
        if (old != null) {
            shutdown(old.client);
        }
        return new Lease(g, first);
    }

    /** The lease's exchange ended: a generation's first lets the others go; the last of a retired one shuts it down. */
    private void release(Lease lease) {
        Generation g = lease.g();
        if (lease.first()) {
            g.up.complete(null);
        }
        boolean last;
        synchronized (this) {
            g.inFlight--;
            last = g.retired && g.inFlight == 0;
        }
        if (last) {
            shutdown(g.client);
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        Lease lease = lend();
        try {
            if (!lease.first()) {
                awaitUp(lease.g());
            }
            return lease.g().client.send(request, handler);
        } finally {
            release(lease);
        }
    }

    private static void awaitUp(Generation g) throws InterruptedException {
        try {
            g.up.get();
        } catch (java.util.concurrent.ExecutionException never) {
            // up only ever completes normally
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(g -> g.client.sendAsync(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(g -> g.client.sendAsync(request, handler, pushPromiseHandler));
    }

    /** An exchange on the generation lent, once its first has ended (the first goes at once); released when it ends. */
    private <T> CompletableFuture<HttpResponse<T>> sendAsync(java.util.function.Function<Generation, CompletableFuture<HttpResponse<T>>> send) {
        Lease lease = lend();
        Generation g = lease.g();
        try {
            CompletableFuture<HttpResponse<T>> f = lease.first() ? send.apply(g) : g.up.thenCompose(x -> send.apply(g));
            return f.whenComplete((r, e) -> release(lease));
        } catch (RuntimeException e) {
            release(lease);
            throw e;
        }
    }

    /** Shuts an inner client down where the JDK can (21 and later); on 17 it is dropped (see the class comment). */
    private static void shutdown(HttpClient client) {
        if (SHUTDOWN == null) {
            return;
        }
        try {
            SHUTDOWN.invoke(client);
        } catch (IllegalAccessException | InvocationTargetException e) {
            // A client that cannot be shut down closes its connections when it is collected.
        }
    }

    private static Method shutdownMethod() {
        try {
            return HttpClient.class.getMethod("shutdown");
        } catch (NoSuchMethodException java17) {
            return null;
        }
    }

    // The settings are the builder's, the same for every generation: read from the first.

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return settings.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return settings.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return settings.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return settings.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return settings.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return settings.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return settings.authenticator();
    }

    @Override
    public Version version() {
        return settings.version();
    }

    @Override
    public Optional<Executor> executor() {
        return settings.executor();
    }
}
