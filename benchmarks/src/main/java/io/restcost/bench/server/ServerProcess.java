package io.restcost.bench.server;

import io.restcost.mock.tls.GeneratedPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StaticHttpsServer} in a child JVM on 127.0.0.1, with a PKI generated for it.
 * Close it to stop the child.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final GeneratedPki pki;

    private ServerProcess(Process process, int port, GeneratedPki pki) {
        this.process = process;
        this.port = port;
        this.pki = pki;
    }

    /**
     * Generates certificates of {@code keyType} into a temporary folder and starts the server.
     *
     * @throws IOException if the child does not say READY within 30 s
     */
    public static ServerProcess start(GeneratedPki.KeyType keyType) throws IOException {
        Path dir = Files.createTempDirectory("restcost-static-server");
        GeneratedPki pki = GeneratedPki.generate(dir, keyType, List.of("127.0.0.1", "localhost"), List.of());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), StaticHttpsServer.class.getName(),
                "127.0.0.1", "0", pki.serverKeystore().toString(), pki.passwordsFile().toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return new ServerProcess(p, Integer.parseInt(line.substring(6).trim()), pki);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException("the static HTTPS server did not start (exit code "
                + (p.isAlive() ? "none yet" : p.exitValue()) + ")");
    }

    public URI baseUri() {
        return URI.create("https://127.0.0.1:" + port);
    }

    public GeneratedPki pki() {
        return pki;
    }

    /** Stops the child and deletes its certificates and keys. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(pki.dir())) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the OS cleans it eventually
        }
    }
}
