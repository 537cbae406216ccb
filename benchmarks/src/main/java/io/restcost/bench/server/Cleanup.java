package io.restcost.bench.server;

import java.util.concurrent.TimeUnit;

/** Stopping what a run started: a child process (its temporary folders: {@link io.restcost.cli.TempFolders}). */
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
}
