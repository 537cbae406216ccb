package io.restcost.bench.jmh;

import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.server.MockProcess;
import io.restcost.client.Engine;
import io.restcost.client.RestClient;
import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.tls.TlsOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * Throughput of restcost under each session policy, both engines, 4 threads, basic auth
 * (the server's authentication cache on, as mqweb's is by default), {@code GET
 * /ibmmq/rest/v2/admin/qmgr} against the mock in its own JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
public class SessionPolicyBenchmark {

    @Param({"one-shot", "rotating:requests=1", "rotating:requests=10", "rotating:requests=50", "rotating:requests=500", "pooled"})
    public String policy;

    /** {@code okhttp-h2}, {@code apache-h2}: the engine on HTTP/2, the 4 threads sharing each connection. */
    @Param({"apache", "okhttp", "okhttp-h2", "apache-h2"})
    public String engine;

    private MockProcess server;
    private RestClient client;
    private final RestRequest request = RestRequest.get("/ibmmq/rest/v2/admin/qmgr");

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = MockProcess.start();
        client = RestClient.builder().baseUri(server.baseUri()).policy(PolicySpec.parse(policy).policy())
                .engine(engine.startsWith("okhttp") ? Engine.OKHTTP : Engine.APACHE_HTTPCLIENT5)
                .httpVersion(engine.endsWith("-h2") ? io.restcost.client.http.HttpVersion.HTTP_2 : io.restcost.client.http.HttpVersion.HTTP_1_1)
                .auth(Auth.basic(AuthenticationBenchmark.USER, server.password(AuthenticationBenchmark.USER)))
                .tls(TlsOptions.builder().trustPem(server.caPem()).build()).build();
        int status = client.execute(request).status();
        if (status != 200) {
            throw new IllegalStateException("the mock answered " + status);
        }
        MockProcess.warmUp(this::request);
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        server.close();
    }

    @Benchmark
    public int request() throws IOException {
        return client.execute(request).status();
    }
}
