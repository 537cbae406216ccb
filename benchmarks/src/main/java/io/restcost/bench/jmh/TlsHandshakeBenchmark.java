package io.restcost.bench.jmh;

import io.restcost.bench.client.ClientCounters;
import io.restcost.bench.server.MockProcess;
import io.restcost.bench.server.ServerStatsProbe;
import io.restcost.client.RestClient;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsProvider;
import io.restcost.client.tls.TlsResumption;
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
 * What a new connection costs: TCP connect, TLS handshake and one small unauthenticated
 * request ({@code GET /__restcost/stats}), then close; per certificate type, TLS version,
 * resumption and the client's TLS provider (JSSE or Conscrypt). Time per operation, one
 * thread, against the mock in its own JVM (JSSE, as Liberty); with
 * {@link ClientCpuProfiler} ({@code -prof io.restcost.bench.jmh.ClientCpuProfiler}, which the
 * suite adds) also the client's CPU per handshake, which on one machine is what sets a
 * one-shot client's pace.
 *
 * <p>With resumption on, the trial fails unless handshakes really resumed, so a
 * configuration mistake cannot pass for a fast handshake.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TlsHandshakeBenchmark {

    @Param({"ec-p256", "rsa-2048"})
    public String certificate;

    @Param({"1.2", "1.3"})
    public String protocol;

    @Param({"off", "on"})
    public String resumption;

    @Param({"jdk", "conscrypt"})
    public String provider;

    private MockProcess server;
    private RestClient client;
    private final ClientCounters counters = new ClientCounters();
    private final RestRequest request = RestRequest.get(ServerStatsProbe.STATS_PATH);

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = MockProcess.start("--cert-type", certificate, "--tls-protocol", protocol);
        client = RestClient.builder().baseUri(server.baseUri()).policy(SessionPolicy.oneShot()).listener(counters)
                .tls(TlsOptions.builder().trustPem(server.caPem()).protocols("TLSv" + protocol)
                        .provider(provider.equals("conscrypt") ? TlsProvider.CONSCRYPT : TlsProvider.JDK)
                        .resumption(resumption.equals("on") ? TlsResumption.RESUME : TlsResumption.FULL_HANDSHAKE).build())
                .build();
        if (client.execute(request).status() != 200) {
            throw new IllegalStateException("the mock's stats endpoint did not answer 200");
        }
        MockProcess.warmUp(this::connectHandshakeRequest);
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (resumption.equals("on") && counters.resumedHandshakes() == 0) {
                throw new IllegalStateException("resumption=on but no handshake resumed (" + counters.fullHandshakes() + " full)");
            }
            if (resumption.equals("off") && counters.resumedHandshakes() > 0) {
                throw new IllegalStateException("resumption=off but " + counters.resumedHandshakes() + " handshakes resumed");
            }
        } finally {
            client.close();
            server.close();
        }
    }

    @Benchmark
    public int connectHandshakeRequest() throws IOException {
        return client.execute(request).status();
    }
}
