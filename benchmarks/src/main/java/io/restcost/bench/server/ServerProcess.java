package io.restcost.bench.server;

import io.restcost.cli.TempFolders;
import io.restcost.kit.GeneratedPki;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link StaticHttpsServer} in a child JVM on 127.0.0.1, with a PKI generated for it.
 * Close it to stop the child.
 */
public final class ServerProcess implements AutoCloseable {

    private final ChildJvm child;
    private final int port;
    private final GeneratedPki pki;

    private ServerProcess(ChildJvm child, int port, GeneratedPki pki) {
        this.child = child;
        this.port = port;
        this.pki = pki;
    }

    /**
     * Generates certificates of {@code keyType} into a temporary folder and starts the server.
     *
     * @throws IOException if the child does not say READY within 60 s
     */
    public static ServerProcess start(GeneratedPki.KeyType keyType) throws IOException {
        Path dir = Files.createTempDirectory("restcost-static-server");
        GeneratedPki pki = GeneratedPki.generate(dir, keyType, List.of("127.0.0.1", "localhost"), List.of());
        ChildJvm child = ChildJvm.start(List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"), StaticHttpsServer.class.getName(),
                List.of("127.0.0.1", "0", pki.serverKeystore().toString(), pki.passwordsFile().toString()),
                line -> line.startsWith("READY "));
        String ready = child.output().get(child.output().size() - 1);
        return new ServerProcess(child, Integer.parseInt(ready.substring(6).trim()), pki);
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
        child.close();
        TempFolders.deleteTree(pki.dir());
    }
}
