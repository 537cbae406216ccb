package io.restcost.liberty;

import io.restcost.cli.TempFolders;
import io.restcost.kit.CredentialsFile;
import io.restcost.kit.FreePorts;
import io.restcost.kit.GeneratedPki;
import io.restcost.kit.OwnerOnlyFiles;
import io.restcost.kit.PemTrust;
import io.restcost.kit.UserRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real Open Liberty serving mqweb's REST API (the WAR of {@code restcost-liberty-app}),
 * with Liberty's own TLS, basic registry, LtpaToken2 tokens and authentication cache: the
 * same users, roles, certificates and files as the mock ({@code credentials.properties}, the
 * CA file, {@code LtpaToken2_<suffix>}). Runs as a child process under a state folder; close
 * stops it.
 *
 * <pre>{@code
 * try (LibertyServer liberty = LibertyServer.builder().stateDir(dir).start()) {
 *     URI base = liberty.baseUri();
 * }
 * }</pre>
 */
public final class LibertyServer implements AutoCloseable {

    /** The server's name under {@code WLP_USER_DIR/servers}. */
    public static final String SERVER_NAME = "mqweb";
    /** The user in Liberty's administrator role, for {@code /metrics} only (no mqweb role). */
    public static final String METRICS_USER = "restcost-metrics";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Builder settings;
    private final Path serverDir;
    private final GeneratedPki pki;
    private final List<UserRegistry.User> users;
    private final String metricsPassword;
    private final Path credentials;
    private final String cookieName;
    private final int port;
    private final Process process;
    private final long readyMillis;
    private final Thread stopOnExit;
    /** The state folder this server made for itself (keys, passwords), deleted when it stops; null when the user gave one. */
    private final Path temporaryState;

    private LibertyServer(Builder b) throws IOException {
        this.settings = b;
        Path wlp = OpenLibertyRuntime.locate(b.wlpDir);
        Path state = (b.stateDir != null ? b.stateDir : Files.createTempDirectory("restcost-liberty-")).toAbsolutePath();
        this.temporaryState = b.stateDir == null ? state : null;
        Path usr = state.resolve("wlp-usr");
        this.serverDir = usr.resolve("servers").resolve(SERVER_NAME);
        Files.createDirectories(serverDir.resolve("apps"));
        this.users = b.users != null ? b.users : UserRegistry.defaultUsers();
        this.metricsPassword = randomHex(12);
        // The metrics user is in the credentials file too (no mqweb role: only Liberty's administrator role).
        List<UserRegistry.User> everyone = new ArrayList<>(users);
        everyone.add(new UserRegistry.User(METRICS_USER, metricsPassword, List.of()));
        this.pki = GeneratedPki.generate(state.resolve("tls"), b.certificateType, List.of("127.0.0.1", "localhost"),
                everyone.stream().map(UserRegistry.User::name).toList());
        this.credentials = CredentialsFile.write(state, everyone, pki);
        this.cookieName = "LtpaToken2_" + (b.cookieSuffix != null ? b.cookieSuffix : randomHex(4));
        this.port = b.port != 0 ? b.port : freePort(b.bindAddress);
        copyWar(serverDir.resolve("apps").resolve("mqweb.war"));
        Path serverXml = serverDir.resolve("server.xml");
        // it holds the users' passwords and the keystore's
        OwnerOnlyFiles.write(serverXml, ServerXml.render(this, b), StandardCharsets.UTF_8);
        Files.writeString(serverDir.resolve("jvm.options"), String.join("\n", List.of(
                "-Drestcost.ssoCookieName=" + cookieName, "-Drestcost.qmgr=" + b.queueManager, "-Xmx512m")) + "\n");
        List<String> cmd = new ArrayList<>(ServerCpus.prefix());
        cmd.addAll(List.of(wlp.resolve("bin").resolve("server").toString(), "run", SERVER_NAME));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(state.resolve("console.log").toFile());
        pb.environment().put("WLP_USER_DIR", usr.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        this.process = pb.start();
        // Stop Liberty when this JVM ends (Ctrl-C, a failed test run): never leave a server behind.
        this.stopOnExit = new Thread(this::stopProcess, "restcost-liberty-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            awaitReady(state.resolve("console.log"), b.startTimeout, !b.clientAuth.equals("none"));
        } catch (RuntimeException | IOException e) {
            stopProcess();
            throw e;
        }
        this.readyMillis = (System.nanoTime() - started) / 1_000_000;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code https://127.0.0.1:PORT}: mqweb's API is under {@code /ibmmq/rest/v2/}, the servlet's counts at {@code /__restcost/stats}. */
    public URI baseUri() {
        return URI.create("https://" + settings.bindAddress + ":" + port);
    }

    public int port() {
        return port;
    }

    /** The CA that signed the server's (and the users' client) certificates. */
    public Path caPem() {
        return pki.caPem();
    }

    /** The generated certificates: the users' client keystores among them. */
    public GeneratedPki pki() {
        return pki;
    }

    /** Every user's password, roles and client keystore, in the mock's format. */
    public Path credentialsFile() {
        return credentials;
    }

    /** {@code LtpaToken2_<suffix>}, Liberty's single sign-on cookie. */
    public String cookieName() {
        return cookieName;
    }

    /** A user's password; a secret. */
    public String password(String user) {
        return users.stream().filter(u -> u.name().equals(user)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + user)).password();
    }

    /** The password of {@link #METRICS_USER}; a secret. */
    public String metricsPassword() {
        return metricsPassword;
    }

    List<UserRegistry.User> users() {
        return users;
    }

    GeneratedPki tls() {
        return pki;
    }

    /** {@code /metrics} (mpMetrics), which needs {@link #METRICS_USER}. */
    public URI metricsUri() {
        return baseUri().resolve("/metrics?scope=base");
    }

    /** The access log: one line per request, with the client's port, so connections can be counted. */
    public Path accessLog() {
        return serverDir.resolve("logs").resolve("http_access.log");
    }

    /** Liberty's own log. */
    public Path messagesLog() {
        return serverDir.resolve("logs").resolve("messages.log");
    }

    /** Milliseconds from launching {@code server run} to the API answering. */
    public long readyMillis() {
        return readyMillis;
    }

    /** The process id of Liberty's JVM (for {@code --server-cpu pid:N}). */
    public long pid() {
        return javaProcess().map(ProcessHandle::pid).orElse(process.pid());
    }

    private Optional<ProcessHandle> javaProcess() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all.stream().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stopProcess() {
        try {
            stopTree();
        } finally {
            if (temporaryState != null) {
                TempFolders.deleteTree(temporaryState);
            }
        }
    }

    private void stopTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle p : tree) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * Waits until the HTTPS port answers an API request as mqweb does, not just until Liberty
     * says it is ready: with a 401 to a request without credentials. Where Liberty asks for
     * client certificates the probe shows one (the first user's), or a server that requires
     * them would never answer it, and then the answer must be a 200: the certificate logged
     * its user in.
     */
    private void awaitReady(Path console, Duration timeout, boolean showCertificate) throws IOException {
        SSLContext tls = showCertificate ? withCertificate(pki.caPem(), pki.clientKeystore(users.get(0).name()), pki.password())
                : trusting(pki.caPem());
        HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(baseUri().resolve("/ibmmq/rest/v2/admin/qmgr")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Open Liberty stopped while starting (exit " + process.exitValue() + "): "
                        + tail(console));
            }
            try {
                HttpResponse<String> r = client.send(probe, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == (showCertificate ? 200 : 401)) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Open Liberty started");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Open Liberty started");
            }
        }
        throw new IllegalStateException("Open Liberty's mqweb did not answer on " + baseUri() + " within " + timeout.toSeconds()
                + " s (last: " + last + "); see " + messagesLog());
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no console log: " + e.getMessage() + ")";
        }
    }

    static SSLContext trusting(Path caPem) {
        return withCertificate(caPem, null, null);
    }

    /** Trusts {@code caPem}; shows the client certificate in {@code keystore} (PKCS12) unless it is null. */
    static SSLContext withCertificate(Path caPem, Path keystore, char[] password) {
        try {
            return PemTrust.context(caPem, keystore, password).context();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caPem + ": " + e.getMessage(), e);
        }
    }

    private static void copyWar(Path target) throws IOException {
        try (InputStream in = LibertyServer.class.getResourceAsStream("mqweb.war")) {
            if (in == null) {
                throw new IllegalStateException("the mqweb web application is missing from restcost's jar (build it with mvn package)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int freePort(String bind) throws IOException {
        return FreePorts.on(bind);
    }


    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** How the Liberty server is set up; the defaults are Liberty's and mqweb's. Not thread-safe. */
    public static final class Builder {
        String bindAddress = "127.0.0.1";
        int port;
        Path stateDir;
        Path wlpDir;
        List<UserRegistry.User> users;
        Duration tokenExpiry = Duration.ofMinutes(120);
        Duration authCacheTimeout = Duration.ofSeconds(600);
        String cookieSuffix;
        String clientAuth = "none";
        int maxKeepAliveRequests = -1;
        Duration persistTimeout = Duration.ofSeconds(30);
        boolean trackLoggedOutTokens;
        boolean http2 = true;
        String queueManager = "QM1";
        Duration startTimeout = Duration.ofSeconds(180);
        GeneratedPki.KeyType certificateType = GeneratedPki.KeyType.EC_P256;

        private Builder() {
        }

        /** A loopback address; default 127.0.0.1. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The HTTPS port; 0 (default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Where the server's configuration, certificates, credentials and logs go; default a new temporary folder. */
        public Builder stateDir(Path dir) {
            this.stateDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** A Liberty runtime's {@code wlp} folder; default the one {@code mvn -Pliberty} fetched. */
        public Builder wlpDir(Path dir) {
            this.wlpDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The server certificate's key: EC P-256 (default, as the mock's) or RSA 2048 (Liberty's own default). */
        public Builder certificateType(GeneratedPki.KeyType type) {
            this.certificateType = Objects.requireNonNull(type, "type");
            return this;
        }

        public Builder users(List<UserRegistry.User> users) {
            this.users = List.copyOf(users);
            return this;
        }

        /** {@code <ltpa expiration>}; Liberty's default 120 minutes. At least a minute (Liberty's unit). */
        public Builder tokenExpiry(Duration expiry) {
            if (expiry.toMinutes() < 1) {
                throw new IllegalArgumentException("tokenExpiry must be at least 1 minute (Liberty counts it in minutes): " + expiry);
            }
            this.tokenExpiry = expiry;
            return this;
        }

        /** {@code <authCache timeout>}; Liberty's default 600 s. */
        public Builder authCacheTimeout(Duration timeout) {
            this.authCacheTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder cookieSuffix(String suffix) {
            this.cookieSuffix = Objects.requireNonNull(suffix, "suffix");
            return this;
        }

        /** none, wanted ({@code clientAuthenticationSupported}) or required ({@code clientAuthentication}). */
        public Builder clientAuth(String mode) {
            if (!List.of("none", "wanted", "required").contains(mode)) {
                throw new IllegalArgumentException("clientAuth must be none, wanted or required: " + mode);
            }
            this.clientAuth = mode;
            return this;
        }

        /** {@code httpOptions maxKeepAliveRequests}; -1 (unlimited, Liberty's default since 21.0.0.6). */
        public Builder maxKeepAliveRequests(int n) {
            this.maxKeepAliveRequests = n;
            return this;
        }

        /**
         * Whether the HTTPS port offers HTTP/2 by ALPN: true (Liberty's default with servlet 4.0
         * and later), or false for HTTP/1.1 only ({@code httpEndpoint protocolVersion="http/1.1"}).
         */
        public Builder http2(boolean offered) {
            this.http2 = offered;
            return this;
        }

        public Builder trackLoggedOutTokens(boolean on) {
            this.trackLoggedOutTokens = on;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Creates the server and starts it, returning once the API answers over HTTPS.
         *
         * @throws IllegalStateException in one line when there is no runtime or it does not start
         */
        public LibertyServer start() throws IOException {
            return new LibertyServer(this);
        }
    }
}
