package io.restcost.bench.balance;

import io.restcost.kit.FreePorts;
import io.restcost.bench.server.Cleanup;
import io.restcost.cli.TempFolders;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy in front of a {@link BackendSet}: TCP mode, so TLS stays end to end between
 * the client and an instance; round-robin over every instance, each health-checked every
 * 250 ms, so one that comes up gets connections and one that goes away stops getting them; a
 * connection to an instance that refuses it is dispatched to another. The configuration is
 * generated into a folder of the results ({@code haproxy.cfg}, no secret in it: TLS ends at the instances); HAProxy runs in the foreground as a
 * child process, and {@link #sessions()} reads its own count of connections per instance
 * from its stats socket.
 */
public final class HaproxyFront implements AutoCloseable {

    /** Where Debian and a source install put the binary when the PATH has no sbin. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin");
    /** How often HAProxy checks each instance, in milliseconds. */
    public static final int CHECK_MILLIS = 250;

    private final Process process;
    private final Path config;
    private final Path socketDir;
    private final int port;
    private final int instances;
    private final String version;

    private HaproxyFront(Process process, Path config, Path socketDir, int port, int instances, String version) {
        this.process = process;
        this.config = config;
        this.socketDir = socketDir;
        this.port = port;
        this.instances = instances;
        this.version = version;
    }

    /** The haproxy binary on the PATH, or in /usr/sbin or /usr/local/sbin. */
    public static Optional<Path> find() {
        List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(SBIN);
        for (String dir : dirs) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "haproxy");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the configuration for every instance of {@code set} (up or not yet) and HAProxy's
     * log into {@code stateDir}, starts {@code haproxy} on a free port of 127.0.0.1, and returns once it
     * accepts connections and has found the instances that are down.
     *
     * @throws IOException naming the binary and HAProxy's own first line if it does not start within 20 s
     */
    public static HaproxyFront start(Path haproxy, BackendSet set, Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        // A Unix socket path must stay under 108 bytes: a short folder of its own.
        Path socketDir = Files.createTempDirectory("restcost-haproxy");
        int port = FreePorts.on("127.0.0.1");
        Path config = stateDir.resolve("haproxy.cfg");
        Files.writeString(config, config(set, port, socketDir.resolve("stats.sock")));
        String version = version(haproxy);
        Path log = stateDir.resolve("haproxy.log");
        Process p = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HaproxyFront front = new HaproxyFront(p, config, socketDir, port, set.size(), version);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (!front.ready()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    String said = Files.exists(log) ? Files.readString(log).strip() : "";
                    throw new IOException(haproxy + " -f " + config + " did not start"
                            + (said.isEmpty() ? "" : ": " + said.lines().findFirst().orElse("")));
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            front.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + haproxy + " started", e);
        } catch (IOException | RuntimeException e) {
            front.close();
            throw e;
        }
        return front;
    }

    /** The configuration for {@code set}'s instances behind 127.0.0.1:{@code port}. */
    static String config(BackendSet set, int port, Path statsSocket) {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < set.size(); i++) {
            servers.append(String.format("    server instance-%d %s:%d%n", i + 1, set.address(i), set.port()));
        }
        return """
                # Generated by restcost balance --via haproxy: TCP mode keeps TLS end to end, so the
                # client's sessions, handshakes and tokens are the instances' own.
                global
                    maxconn 4096
                    stats socket %s mode 600 level admin

                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 2m
                    timeout server 2m
                    # A connection an instance refuses (it is stopping, or not up yet) goes to another one.
                    retries 3
                    option redispatch

                frontend mqweb
                    bind 127.0.0.1:%d
                    default_backend instances

                backend instances
                    balance roundrobin
                    default-server check inter %dms fall 1 rise 1
                %s""".formatted(statsSocket, port, CHECK_MILLIS, servers);
    }

    /**
     * Its stats socket answers (it opens once the listeners are bound), and every instance's
     * state is known from a check. Not probed through the front port: that would be a session
     * on some instance.
     */
    private boolean ready() {
        if (!Files.exists(socketDir.resolve("stats.sock"))) {
            return false;
        }
        try {
            return stats().values().stream().noneMatch(row -> row.get("status").startsWith("UP ") || row.get("check_status").isEmpty()
                    || row.get("check_status").equals("INI"));
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** The configuration file it runs with. */
    public Path config() {
        return config;
    }

    /** e.g. {@code HAProxy 2.6.12}. */
    public String version() {
        return version;
    }

    /**
     * Takes instance {@code i} (0-based) out of the rotation at once, as an operator drains a
     * server before stopping it: HAProxy sends it no new connection, where a health check would
     * notice the stopped instance only at its next look, and connections sent to it meanwhile
     * would be refused and sent on to another instance, counted for both. Never throws: a drain
     * that fails leaves the health check to notice.
     */
    public void drain(int i) {
        try {
            String answer = command("set server instances/instance-" + (i + 1) + " state maint");
            if (!answer.isBlank()) {
                System.getLogger(HaproxyFront.class.getName()).log(System.Logger.Level.WARNING,
                        "HAProxy did not drain instance-" + (i + 1) + ": " + answer.strip());
            }
        } catch (IOException e) {
            System.getLogger(HaproxyFront.class.getName()).log(System.Logger.Level.WARNING,
                    "HAProxy did not drain instance-" + (i + 1) + ": " + e.getMessage());
        }
    }

    /** Connections HAProxy sent to each instance so far (its {@code stot}), in instance order. */
    public long[] sessions() throws IOException {
        Map<String, Map<String, String>> rows = stats();
        long[] n = new long[instances];
        for (int i = 0; i < instances; i++) {
            Map<String, String> row = rows.get("instance-" + (i + 1));
            n[i] = row == null ? 0 : Long.parseLong(row.get("stot"));
        }
        return n;
    }

    /** {@code show stat} for the backend's servers, by server name, each row by column name. */
    private Map<String, Map<String, String>> stats() throws IOException {
        String csv = command("show stat");
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new IOException("HAProxy's stats socket answered: " + csv.strip());
        }
        String[] header = lines.get(0).substring(2).split(",", -1);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            if (v.length < 2 || !v[0].equals("instances") || !v[1].startsWith("instance-")) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length && c < v.length; c++) {
                row.put(header[c], v[c]);
            }
            rows.put(v[1], row);
        }
        return rows;
    }

    /** One command on the stats socket, and its whole answer. */
    private String command(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socketDir.resolve("stats.sock")));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            StringBuilder sb = new StringBuilder();
            while (ch.read(buf) > 0) {
                buf.flip();
                sb.append(StandardCharsets.US_ASCII.decode(buf));
                buf.clear();
            }
            return sb.toString();
        }
    }

    private static String version(Path haproxy) {
        try {
            Process p = new ProcessBuilder(haproxy.toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            String first = out.lines().findFirst().orElse("HAProxy");
            String[] words = first.split(" ");
            return words.length >= 3 ? words[0] + " " + words[2].replaceAll("-.*", "") : first;
        } catch (IOException e) {
            return "HAProxy";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "HAProxy";
        }
    }


    /** Stops HAProxy (SIGTERM: at once, closing what it relays) and deletes its socket folder. */
    @Override
    public void close() {
        Cleanup.stop(process);
        TempFolders.deleteTree(socketDir);
    }
}
