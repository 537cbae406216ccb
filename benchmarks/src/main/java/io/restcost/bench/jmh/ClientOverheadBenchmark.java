package io.restcost.bench.jmh;

import io.restcost.bench.server.ServerProcess;
import io.restcost.client.Engine;
import io.restcost.client.RestClient;
import io.restcost.client.adapter.DropInRotation;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import io.restcost.kit.GeneratedPki;
import io.restcost.kit.PemTrust;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.restcost.client.http.HttpVersion;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What restcost adds on top of the engine it drives: restcost's pooled policy, and the engine
 * with restcost's drop-in rotation ({@code client=dropin}), against the same engine used directly as a competent user would (a pooled client, TLS trusting the
 * same CA), at the same concurrency, against the same local HTTPS server running in its own
 * JVM. Compare {@code client=restcost} with {@code client=raw} for each engine: throughput
 * ratio, and the difference of {@code gc.alloc.rate.norm} under {@code -prof gc}.
 *
 * <p>Run: {@code benchmarks/scripts/client-overhead.sh} (prints the ratios).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 6, time = 5)
@Fork(2)
@Threads(4)
public class ClientOverheadBenchmark {

    /** Matches {@code @Threads}: each client may hold one connection per thread. */
    static final int THREADS = 4;
    static final String PATH = "/ibmmq/rest/v2/admin/qmgr";
    /**
     * The drop-in at its most demanding for the hot path: every exchange is counted and checked
     * against a limit that never ends the connection, so the comparison with the raw engine
     * measures the adapter, not reconnections.
     */
    static final DropInRotation POOLED_DROP_IN = DropInRotation.builder(
            SessionPolicy.rotating().maxRequests(Integer.MAX_VALUE).maxAge(java.time.Duration.ofDays(1)).build()).build();

    /**
     * {@code okhttp-h2}: OkHttp on HTTP/2 for all three clients, threads sharing one connection.
     * {@code apache-h2}: HttpClient 5's async HTTP/2 client, restcost's and raw only (the drop-in
     * does not cover the async clients: run it with {@code -p client=restcost,raw}).
     */
    @Param({"apache", "okhttp", "okhttp-h2", "apache-h2"})
    public String engine;

    @Param({"restcost", "dropin", "raw"})
    public String client;

    private ServerProcess server;
    private Exchange exchange;

    /** One request and its whole response; returns something derived from it so nothing is optimised away. */
    interface Exchange extends AutoCloseable {
        int send() throws IOException;

        @Override
        void close() throws IOException;
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = ServerProcess.start(GeneratedPki.KeyType.EC_P256);
        Path ca = server.pki().caPem();
        URI base = server.baseUri();
        exchange = switch (client + "/" + engine) {
            case "restcost/apache" -> restcost(base, ca, Engine.APACHE_HTTPCLIENT5, HttpVersion.HTTP_1_1);
            case "restcost/okhttp" -> restcost(base, ca, Engine.OKHTTP, HttpVersion.HTTP_1_1);
            case "restcost/okhttp-h2" -> restcost(base, ca, Engine.OKHTTP, HttpVersion.HTTP_2);
            case "restcost/apache-h2" -> restcost(base, ca, Engine.APACHE_HTTPCLIENT5, HttpVersion.HTTP_2);
            case "raw/apache-h2" -> rawApacheH2(base, ca);
            case "dropin/apache-h2" -> throw new IllegalArgumentException("the drop-in does not cover HttpClient 5's async clients: "
                    + "run apache-h2 with -p client=restcost,raw");
            case "raw/apache" -> rawApache(base, ca, null);
            case "raw/okhttp" -> rawOkHttp(base, ca, null, Protocol.HTTP_1_1);
            case "raw/okhttp-h2" -> rawOkHttp(base, ca, null, Protocol.HTTP_2);
            case "dropin/apache" -> rawApache(base, ca, POOLED_DROP_IN);
            case "dropin/okhttp" -> rawOkHttp(base, ca, POOLED_DROP_IN, Protocol.HTTP_1_1);
            case "dropin/okhttp-h2" -> rawOkHttp(base, ca, POOLED_DROP_IN, Protocol.HTTP_2);
            default -> throw new IllegalArgumentException("unknown client/engine: " + client + "/" + engine);
        };
        // A request before measuring, so a broken setup fails here and not as a silent zero.
        if (exchange.send() != 200 + io.restcost.bench.server.StaticHttpsServer.BODY.length) {
            throw new IllegalStateException("the static server answered something unexpected");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (exchange != null) {
            exchange.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Benchmark
    public int request() throws IOException {
        return exchange.send();
    }

    private static Exchange restcost(URI base, Path ca, Engine engine, HttpVersion http) {
        RestClient c = RestClient.builder().baseUri(base).engine(engine).policy(SessionPolicy.pooled()).httpVersion(http)
                .tls(TlsOptions.builder().trustPem(ca).build()).build();
        RestRequest get = RestRequest.get(PATH);
        return new Exchange() {
            @Override
            public int send() throws IOException {
                var r = c.execute(get);
                return r.status() + r.body().length;
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    /**
     * The stock engine as a competent user builds it; with {@code rotation}, restcost's drop-in
     * rotation applied to it.
     */
    private static Exchange rawApache(URI base, Path ca, DropInRotation rotation) throws GeneralSecurityException, IOException {
        PoolingHttpClientConnectionManagerBuilder cmb = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(PemTrust.context(ca, null, null).context()))
                .setMaxConnPerRoute(THREADS).setMaxConnTotal(THREADS);
        HttpClientBuilder b = HttpClients.custom();
        if (rotation != null) {
            rotation.applyTo(cmb, b);
        }
        CloseableHttpClient c = b.setConnectionManager(cmb.build()).build();
        URI uri = base.resolve(PATH);
        return new Exchange() {
            @Override
            public int send() throws IOException {
                return c.execute(new HttpGet(uri), r -> r.getCode() + EntityUtils.toByteArray(r.getEntity()).length);
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }

    /** HttpClient 5's async HTTP/2 client as a competent user builds it, waited on by each thread: one connection, multiplexed. */
    private static Exchange rawApacheH2(URI base, Path ca) throws GeneralSecurityException, IOException {
        org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient c = org.apache.hc.client5.http.impl.async.H2AsyncClientBuilder
                .create().setTlsStrategy(new DefaultClientTlsStrategy(PemTrust.context(ca, null, null).context()))
                .setIOReactorConfig(org.apache.hc.core5.reactor.IOReactorConfig.custom().setIoThreadCount(1).build()).build();
        c.start();
        org.apache.hc.core5.http.HttpHost host = org.apache.hc.core5.http.HttpHost.create(base);
        return new Exchange() {
            @Override
            public int send() throws IOException {
                var request = new org.apache.hc.client5.http.async.methods.SimpleHttpRequest("GET", host, PATH);
                try {
                    var r = c.execute(org.apache.hc.client5.http.async.methods.SimpleRequestProducer.create(request),
                            org.apache.hc.client5.http.async.methods.SimpleResponseConsumer.create(), null).get();
                    return r.getCode() + r.getBodyBytes().length;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }

            @Override
            public void close() {
                c.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
            }
        };
    }

    private static Exchange rawOkHttp(URI base, Path ca, DropInRotation rotation, Protocol protocol)
            throws GeneralSecurityException, IOException {
        PemTrust.Trust t = PemTrust.context(ca, null, null);
        OkHttpClient stock = new OkHttpClient.Builder().sslSocketFactory(t.context().getSocketFactory(), t.manager())
                .protocols(protocol == Protocol.HTTP_2 ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1)).build();
        OkHttpClient c = rotation == null ? stock : rotation.applyTo(stock);
        okhttp3.HttpUrl url = okhttp3.HttpUrl.get(base.resolve(PATH).toString());
        return new Exchange() {
            @Override
            public int send() throws IOException {
                try (Response r = c.newCall(new Request.Builder().url(url).build()).execute()) {
                    return r.code() + r.body().bytes().length;
                }
            }

            @Override
            public void close() {
                c.connectionPool().evictAll();
            }
        };
    }
}
