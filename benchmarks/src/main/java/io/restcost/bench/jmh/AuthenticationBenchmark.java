package io.restcost.bench.jmh;

import io.restcost.bench.server.MockProcess;
import io.restcost.kit.PemTrust;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
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
 * What authentication adds to a request on a kept connection: {@code GET
 * /ibmmq/rest/v2/admin/installation} on one reused TLS connection, by how the client proves
 * who it is. The client is plain Apache HttpClient 5 so every mode pays the same client cost
 * and the differences are the server's:
 * <ul>
 * <li>{@code none}: no credentials; mqweb answers 401 before any check (the floor);
 * <li>{@code basic-cached}: basic auth, the server's authentication cache hits;
 * <li>{@code basic-uncached}: basic auth, the server checks the password every time;
 * <li>{@code ltpa}: the LtpaToken2 cookie from one login, reused;
 * <li>{@code login-per-request}: POST /login, then the GET with the new cookie;
 * <li>{@code cert}: TLS client certificate, identity from the handshake.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AuthenticationBenchmark {

    static final String USER = "mqadmin";

    @Param({"none", "basic-cached", "basic-uncached", "ltpa", "login-per-request", "cert"})
    public String auth;

    private MockProcess server;
    private CloseableHttpClient client;
    private BasicCookieStore cookies;
    private URI get;
    private URI login;
    private String basic;
    private String loginJson;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = switch (auth) {
            case "basic-uncached" -> MockProcess.start("--no-auth-cache");
            case "cert" -> MockProcess.start("--client-auth", "wanted");
            default -> MockProcess.start();
        };
        char[] password = server.password(USER);
        basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
        loginJson = "{\"username\":\"" + USER + "\",\"password\":\"" + new String(password) + "\"}";
        PemTrust.Trust tls = auth.equals("cert")
                ? PemTrust.context(server.caPem(), server.clientKeystore(USER), server.keystorePassword())
                : PemTrust.context(server.caPem(), null, null);
        BasicHttpClientConnectionManager cm = BasicHttpClientConnectionManager.create(RegistryBuilder.<TlsSocketStrategy>create()
                .register("https", new DefaultClientTlsStrategy(tls.context())).build());
        cookies = new BasicCookieStore();
        // No connection state: with a client certificate HttpClient would otherwise tie the
        // connection to the principal and open a new one per request. Cookies only where the
        // mode is the token: Liberty also sets LtpaToken2 on basic-auth responses, and sending
        // it back would turn basic into token auth.
        HttpClientBuilder b = HttpClients.custom().setConnectionManager(cm).disableConnectionState();
        client = (auth.equals("ltpa") || auth.equals("login-per-request") ? b.setDefaultCookieStore(cookies)
                : b.disableCookieManagement()).build();
        get = server.baseUri().resolve("/ibmmq/rest/v2/admin/installation");
        login = server.baseUri().resolve("/ibmmq/rest/v2/login");
        if (auth.equals("ltpa")) {
            login();
        }
        int expected = auth.equals("none") ? 401 : 200;
        int status = request();
        if (status != expected) {
            throw new IllegalStateException("auth=" + auth + ": expected " + expected + " from the mock, got " + status);
        }
        MockProcess.warmUp(this::request);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        server.close();
    }

    @Benchmark
    public int request() throws IOException {
        if (auth.equals("login-per-request")) {
            cookies.clear();
            login();
        }
        HttpGet g = new HttpGet(get);
        if (auth.startsWith("basic")) {
            g.setHeader("Authorization", basic);
        }
        return client.execute(g, r -> {
            EntityUtils.consume(r.getEntity());
            return r.getCode();
        });
    }

    private void login() throws IOException {
        HttpPost p = new HttpPost(login);
        p.setEntity(new StringEntity(loginJson, ContentType.APPLICATION_JSON));
        int status = client.execute(p, r -> {
            EntityUtils.consume(r.getEntity());
            return r.getCode();
        });
        if (status != 204 && status != 200) {
            throw new IOException("login answered " + status);
        }
    }
}
