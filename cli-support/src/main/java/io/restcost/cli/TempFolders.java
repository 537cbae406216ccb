package io.restcost.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes the temporary folders restcost makes (generated keys and passwords, server state).
 * Shared by the mock, which deletes its own state folder, and the benchmark commands, which
 * delete the folders of the servers they start.
 */
public final class TempFolders {

    private TempFolders() {
    }

    /** Deletes {@code dir} and everything in it; what cannot be deleted is left to the OS (a temporary folder). */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // already gone, or a temporary folder: the OS cleans it eventually
        }
    }
}
