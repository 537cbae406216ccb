package io.restcost.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Stopping what a run started: a child process, a temporary folder. */
public final class Cleanup {

    private Cleanup() {
    }

    /** Asks {@code p} to stop (SIGTERM, so its shutdown hooks run), then forces it after 10 s. */
    public static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes {@code dir} and everything in it; what cannot be deleted is left to the OS (a temporary folder). */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the OS cleans it eventually
        }
    }
}
