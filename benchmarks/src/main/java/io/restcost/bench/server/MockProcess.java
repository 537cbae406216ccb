package io.restcost.bench.server;

import io.restcost.cli.TempFolders;
import io.restcost.mock.cli.MockMain;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The mock mqweb in a child JVM on 127.0.0.1 (any free port), so benchmarks see the
 * client's CPU and the server's apart. Its certificates, keys and passwords live in a
 * temporary folder that {@link #close} deletes.
 */
public final class MockProcess implements AutoCloseable {

    /** How long {@link #warmUp} sends requests. */
    public static final Duration WARM_UP = Duration.ofSeconds(2);

    private final ChildJvm child;
    private final Path stateDir;
    private final URI baseUri;
    private final Path caPem;
    private final Properties credentials;

    private MockProcess(ChildJvm child, Path stateDir, URI baseUri, Path caPem, Properties credentials) {
        this.child = child;
        this.stateDir = stateDir;
        this.baseUri = baseUri;
        this.caPem = caPem;
        this.credentials = credentials;
    }

    /**
     * Starts {@code restcost mock --port 0} with {@code options} (as on the command line,
     * e.g. {@code --cert-type rsa-2048 --no-auth-cache}).
     *
     * @throws IOException if it does not start within 60 s
     */
    public static MockProcess start(String... options) throws IOException {
        Path state = Files.createTempDirectory("restcost-mock");
        List<String> args = new ArrayList<>(List.of("--port", "0", "--state-dir", state.toString()));
        args.addAll(List.of(options));
        ChildJvm child;
        try {
            child = ChildJvm.start(List.of("-Xms256m", "-Xmx512m"), MockMain.class.getName(), args,
                    line -> line.contains("stop with Ctrl-C"));
        } catch (IOException e) {
            TempFolders.deleteTree(state);
            throw e;
        }
        URI base = null;
        Path ca = null;
        Properties creds = new Properties();
        for (String line : child.output()) {
            String l = line.strip();
            if (l.startsWith("url:")) {
                URI u = URI.create(l.substring(4).strip());
                base = URI.create(u.getScheme() + "://" + u.getRawAuthority());
            } else if (l.startsWith("CA file:")) {
                ca = Path.of(l.substring(8).strip());
            } else if (l.startsWith("credentials:")) {
                try (Reader r = Files.newBufferedReader(Path.of(l.substring(12).strip()), StandardCharsets.UTF_8)) {
                    creds.load(r);
                }
            }
        }
        if (base == null) {
            child.close();
            TempFolders.deleteTree(state);
            throw new IOException("the mock did not print its URL: " + child.output());
        }
        return new MockProcess(child, state, base, ca, creds);
    }

    /** One exchange with the server, for {@link #warmUp}. */
    @FunctionalInterface
    public interface Exchange {
        int send() throws IOException;
    }

    /**
     * Sends requests for {@link #WARM_UP} before a benchmark measures, so the new server JVM
     * has compiled its hot paths: otherwise a short JMH pass measures the server's interpreter.
     */
    public static void warmUp(Exchange exchange) throws IOException {
        long end = System.nanoTime() + WARM_UP.toNanos();
        while (System.nanoTime() < end) {
            exchange.send();
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The CA certificate to trust; null for plain HTTP. */
    public Path caPem() {
        return caPem;
    }

    /** A user's password (default users: mqadmin, mqreader, mquser). */
    public char[] password(String user) {
        String p = credentials.getProperty("user." + user + ".password");
        if (p == null) {
            throw new IllegalArgumentException("the mock has no user " + user);
        }
        return p.toCharArray();
    }

    /** A user's client-certificate keystore (PKCS12). */
    public Path clientKeystore(String user) {
        return Path.of(credentials.getProperty("user." + user + ".keystore"));
    }

    /** The password of every generated keystore. */
    public char[] keystorePassword() {
        return credentials.getProperty("keystore.password").toCharArray();
    }

    @Override
    public void close() {
        child.close();
        TempFolders.deleteTree(stateDir);
    }
}
