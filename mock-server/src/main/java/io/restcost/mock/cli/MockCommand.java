package io.restcost.mock.cli;

import com.github.tomakehurst.wiremock.http.Fault;
import io.restcost.cli.DurationConverter;
import io.restcost.cli.OfferedHttpConverter;
import io.restcost.cli.TlsVersionConverter;
import io.restcost.cli.Secrets;
import io.restcost.kit.GeneratedPki;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.MockMqWebBuilder;
import io.restcost.mock.api.RequestWork;
import io.restcost.mock.api.ResponseShaping;
import io.restcost.mock.server.ClientAuthMode;
import io.restcost.mock.tls.ServerTlsProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code restcost mock}: serves the mqweb look-alike until interrupted, after printing where
 * it listens, the CA file to trust and the credentials file. Passwords come from a file or
 * an environment variable, never from an argument.
 */
@Command(name = "mock", mixinStandardHelpOptions = true, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {"  restcost mock --port 9443", "  restcost mock --port 9443 --cert-type rsa-2048 --client-auth wanted", "  restcost mock --port 0 --tls-resumption off --tls-protocol 1.3 --http 1.1"},
        description = "Serve an IBM MQ REST API (mqweb) look-alike with real TLS, tokens and authentication cost.")
public final class MockCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bind", description = "Loopback address to listen on (default ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--port", description = "Port; 0 for any free one (default ${DEFAULT-VALUE}, as mqweb).", defaultValue = "9443")
    int port;

    @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS.")
    boolean plainHttp;

    @Option(names = "--http", paramLabel = "1.1,2|1.1", converter = OfferedHttpConverter.class, defaultValue = "1.1,2",
            description = "HTTP versions offered by ALPN: 1.1,2 (the default, as Liberty) or 1.1 to pin HTTP/1.1.")
    String http;

    @Option(names = "--cert-type", description = "Generated certificates: ec-p256 or rsa-2048 (default ${DEFAULT-VALUE}).", defaultValue = "ec-p256")
    String certType;

    @Option(names = "--keystore", description = "Serve with this PKCS12/JKS keystore instead of generating certificates.")
    Path keystore;

    @Option(names = "--keystore-password-env", description = "Environment variable holding the keystore password.")
    String keystorePasswordEnv;

    @Option(names = "--keystore-password-file", description = "File holding the keystore password.")
    Path keystorePasswordFile;

    @Option(names = "--state-dir", description = "Where certificates and credentials are written, and kept after the mock stops (default: a new temporary folder, deleted when it stops).")
    Path stateDir;

    @Option(names = "--tls-protocol", paramLabel = "1.2|1.3", split = ",", converter = TlsVersionConverter.class,
            description = "Offer only these TLS versions: 1.2 and/or 1.3, as the client's --tls-protocol (default both).")
    List<String> protocols;

    @Option(names = "--tls-resumption", paramLabel = "on|off", description = "off makes every handshake full, as the client's "
            + "--tls-resumption off (default on).")
    void tlsResumption(String value) {
        noResumption = switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> false;
            case "off" -> true;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown --tls-resumption " + value + " (use on or off)");
        };
    }

    /** The old spelling of --tls-resumption off, kept for one version. */
    @Option(names = "--no-tls-resumption", hidden = true)
    boolean noResumption;

    @Option(names = "--tls-provider", paramLabel = "jdk|conscrypt", description = "The server's TLS: jdk (JSSE, as Liberty; "
            + "the default) or conscrypt (BoringSSL; HTTP/1.1 only).")
    String tlsProvider;

    @Option(names = "--client-auth", description = "none, wanted or required (default ${DEFAULT-VALUE}).", defaultValue = "none")
    String clientAuth;

    @Option(names = "--users", description = "Users file: {\"users\":[{\"name\":..,\"password\":..,\"roles\":[..]}]}.")
    Path users;

    @Option(names = "--password-iterations", description = "PBKDF2 iterations per password check (default ${DEFAULT-VALUE}).", defaultValue = "10000")
    int iterations;

    @Option(names = "--request-work", paramLabel = "UNITS", description = "CPU spent on every request for what Liberty's web "
            + "container does that the mock does not: SHA-256 passes over 1 KiB (about 0.8 us each here); 0 for none "
            + "(default ${DEFAULT-VALUE}, calibrated against Open Liberty 26.0.0.3 by benchmarks/scripts/calibrate-mock-vs-liberty.sh).",
            defaultValue = "" + RequestWork.LIBERTY_UNITS)
    int requestWork;

    @Option(names = "--auth-cache-timeout", description = "Authentication cache entry lifetime (default ${DEFAULT-VALUE}).",
            defaultValue = "600s", converter = DurationConverter.class)
    Duration authCacheTimeout;

    @Option(names = "--no-auth-cache", description = "Check the password on every basic-auth request.")
    boolean noAuthCache;

    @Option(names = "--token-expiry", description = "LtpaToken2 lifetime (default ${DEFAULT-VALUE}).", defaultValue = "120m",
            converter = DurationConverter.class)
    Duration tokenExpiry;

    @Option(names = "--token-key-file", description = "Token key shared by instances started with the same file (made if missing).")
    Path tokenKeyFile;

    @Option(names = "--cookie-suffix", description = "LtpaToken2_<suffix> (default: random per start).")
    String cookieSuffix;

    @Option(names = "--track-logged-out-tokens", description = "Refuse a token after its logout.")
    boolean trackLoggedOut;

    @Option(names = "--csrf-status", description = "Status for a missing CSRF header: 403 or 401 (default ${DEFAULT-VALUE}).", defaultValue = "403")
    int csrfStatus;

    @Option(names = "--max-keep-alive-requests", description = "Close connections after this many requests; 0 = no limit (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int maxKeepAlive;

    @Option(names = "--idle-timeout", description = "Close idle connections after this long (default ${DEFAULT-VALUE}).",
            defaultValue = "30s", converter = DurationConverter.class)
    Duration idleTimeout;

    @Option(names = "--delay", description = "Response delay: 50ms, uniform:10ms-50ms or lognormal:20ms,0.5 (median, sigma).")
    String delay;

    @Option(names = "--fault-rate", description = "Fraction of responses to fail, 0 to 1 (default ${DEFAULT-VALUE}).", defaultValue = "0")
    double faultRate;

    @Option(names = "--faults", split = ",", description = "Faults to inject: connection-reset, empty-response, malformed-chunk, random-data (default connection-reset).")
    List<String> faults;

    @Option(names = "--qmgr", description = "Queue manager name (default ${DEFAULT-VALUE}).", defaultValue = "QM1")
    String qmgr;

    @Option(names = "--queues", split = ",", description = "Local queues (default DEV.QUEUE.1,DEV.QUEUE.2,DEV.QUEUE.3).")
    List<String> queues;

    @Option(names = "--threads", description = "Server worker threads (default ${DEFAULT-VALUE}).", defaultValue = "32")
    int threads;

    @Option(names = "--wiremock-stubs", description = "Serve through WireMock's stub pipeline instead of answering in "
            + "the connection filter: same answers, less throughput (to compare the two).")
    boolean wireMockStubs;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        MockMqWebBuilder b = builder();
        MockMqWeb mq = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mq.close();
            stop.countDown();
        }, "restcost-mock-stop"));
        long readyMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "restcost mock mqweb ready in %d ms (JVM start to listening)%n", readyMillis);
        out.printf("  url:          %s/ibmmq/rest/v2/%n", mq.baseUri());
        if (mq.caPem() != null) {
            out.printf("  CA file:      %s%n", mq.caPem());
        }
        out.printf("  credentials:  %s%n", mq.credentialsFile());
        out.printf("  token cookie: %s%n", mq.cookieName());
        out.printf("  stats:        %s/__restcost/stats (reset: POST .../reset)%n", mq.baseUri());
        out.println("  stop with Ctrl-C");
        out.flush();
        stop.await();
        return 0;
    }

    MockMqWebBuilder builder() throws IOException {
        if (requestWork < 0) {
            throw new IllegalArgumentException("--request-work " + requestWork
                    + ": write 0 or more SHA-256 passes per request (0 turns the work off)");
        }
        MockMqWebBuilder b = MockMqWeb.builder().bindAddress(bind).port(port)
                .clientAuth(ClientAuthMode.parse(clientAuth)).passwordIterations(iterations).requestWork(requestWork)
                .tokenExpiry(tokenExpiry).trackLoggedOutTokens(trackLoggedOut).csrfStatus(csrfStatus)
                .maxKeepAliveRequests(maxKeepAlive).idleTimeout(idleTimeout).queueManager(qmgr)
                .containerThreads(threads).throughWireMockStubs(wireMockStubs);
        if (plainHttp) {
            b.plainHttp();
        } else {
            b.certificateType(GeneratedPki.KeyType.parse(certType));
        }
        if (!OfferedHttpConverter.offersHttp2(http)) {
            b.http2(false);
        }
        tls(b);
        if (stateDir != null) {
            b.stateDir(stateDir);
        }
        if (protocols != null) {
            b.protocols(protocols.stream().map(TlsVersionConverter::jsseName).toArray(String[]::new));
        }
        if (users != null) {
            b.users(UserRegistry.read(users));
        }
        if (noAuthCache) {
            b.noAuthCache();
        } else {
            b.authCache(authCacheTimeout, 25_000);
        }
        if (tokenKeyFile != null) {
            b.tokenKeyFile(tokenKeyFile);
        }
        if (cookieSuffix != null) {
            b.cookieSuffix(cookieSuffix);
        }
        if (queues != null) {
            b.queues(queues.toArray(new String[0]));
        }
        return b.responseShaping(shaping());
    }

    /** TLS resumption, the server's TLS provider and the user's own keystore, where given. */
    private void tls(MockMqWebBuilder b) throws IOException {
        if (noResumption) {
            b.tlsResumption(false);
        }
        if (tlsProvider != null) {
            b.tlsProvider(ServerTlsProvider.parse(tlsProvider));
        }
        if (keystore != null) {
            if (!Files.isReadable(keystore)) {
                throw new IllegalArgumentException("keystore " + keystore + ": not found or not readable (check --keystore)");
            }
            b.keyStore(keystore, secret("keystore", keystorePasswordEnv, keystorePasswordFile));
        }
    }

    /** {@code --delay}, and the faults of {@code --fault-rate} and {@code --faults}. */
    private ResponseShaping shaping() {
        ResponseShaping shaping = delay == null ? ResponseShaping.NONE : parseDelay(delay);
        if (faultRate <= 0 && faults == null) {
            return shaping;
        }
        List<Fault> chosen = new ArrayList<>();
        for (String f : faults == null ? List.of("connection-reset") : faults) {
            chosen.add(switch (f.trim().toLowerCase(Locale.ROOT)) {
                case "connection-reset" -> Fault.CONNECTION_RESET_BY_PEER;
                case "empty-response" -> Fault.EMPTY_RESPONSE;
                case "malformed-chunk" -> Fault.MALFORMED_RESPONSE_CHUNK;
                case "random-data" -> Fault.RANDOM_DATA_THEN_CLOSE;
                default -> throw new IllegalArgumentException("unknown fault: " + f
                        + " (use connection-reset, empty-response, malformed-chunk, random-data)");
            });
        }
        return shaping.withFaults(faultRate, chosen);
    }

    static ResponseShaping parseDelay(String d) {
        try {
            if (d.startsWith("uniform:")) {
                String[] lohi = d.substring(8).split("-");
                return ResponseShaping.uniform(DurationConverter.parse(lohi[0]), DurationConverter.parse(lohi[1]));
            }
            if (d.startsWith("lognormal:")) {
                String[] ms = d.substring(10).split(",");
                return ResponseShaping.logNormal(DurationConverter.parse(ms[0]), Double.parseDouble(ms[1]));
            }
            return ResponseShaping.fixed(DurationConverter.parse(d));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--delay " + d + ": write 50ms, uniform:10ms-50ms or lognormal:20ms,0.5");
        }
    }

    private static char[] secret(String what, String env, Path file) {
        char[] p = Secrets.read(what + "-password", env, file, null);
        if (p == null) {
            throw new IllegalArgumentException("--" + what + " needs its password: give --" + what + "-password-env VAR or --"
                    + what + "-password-file FILE");
        }
        return p;
    }
}
