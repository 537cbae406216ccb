package io.restcost.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The command line's logging, on java.util.logging (restcost's client logs through
 * System.Logger, OkHttp through JUL, HttpClient 5 and WireMock through SLF4J, bridged to JUL).
 * By default only restcost's own warnings reach stderr: a library's chatter would break the
 * one-line errors. {@code --debug-log} writes a {@code debug.log} into the results folder with
 * restcost's events (sessions, handshakes, logins, failures) and the HTTP engines' at DEBUG,
 * except the loggers that print headers, cookies or the bytes on the wire: they would write
 * the password's Authorization header and the LtpaToken2 value.
 */
final class Logging implements AutoCloseable {

    /** Loggers that print credentials at DEBUG: they stay off even in the debug log. */
    static final List<String> NEVER = List.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.protocol", "org.apache.hc.client5.http.cookie", "org.apache.hc.client5.http.impl.cookie",
            "org.apache.hc.client5.http.impl.auth", "okhttp3.internal.http2", "okhttp3.logging");
    private static final List<String> DEBUG = List.of("io.restcost", "org.apache.hc.client5", "org.apache.hc.core5", "okhttp3");

    /** Strong references: JUL holds loggers weakly, and a collected logger loses its level. */
    private static final List<Logger> PINNED = new ArrayList<>();

    private final FileHandler handler;
    private final List<Level> before = new ArrayList<>();
    private final List<Logger> changed = new ArrayList<>();

    private Logging(FileHandler handler) {
        this.handler = handler;
    }

    /** Once per JVM: libraries off, restcost's warnings to stderr. */
    static synchronized void quiet() {
        if (!PINNED.isEmpty()) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(Level.OFF);
        Logger own = Logger.getLogger("io.restcost");
        own.setLevel(Level.WARNING);
        // the client's --insecure warning, once per client built: the command prints its own, once per run
        Logger insecure = Logger.getLogger("io.restcost.client.RestClient");
        insecure.setLevel(Level.SEVERE);
        PINNED.add(root);
        PINNED.add(own);
        PINNED.add(insecure);
        for (String name : NEVER) {
            Logger l = Logger.getLogger(name);
            l.setLevel(Level.OFF);
            PINNED.add(l);
        }
    }

    /**
     * Starts writing {@code file} at DEBUG until closed.
     *
     * @throws IllegalArgumentException naming the file when it cannot be written
     */
    static Logging debugTo(Path file) {
        quiet();
        FileHandler h;
        try {
            h = new FileHandler(file.toString(), false);
        } catch (IOException e) {
            throw new IllegalArgumentException("--debug-log: cannot write " + file + " (" + e.getMessage() + ")");
        }
        h.setFormatter(new SimpleFormatter());
        h.setLevel(Level.ALL);
        Logging logging = new Logging(h);
        Logger root = LogManager.getLogManager().getLogger("");
        root.addHandler(h);
        for (String name : DEBUG) {
            Logger l = Logger.getLogger(name);
            logging.before.add(l.getLevel());
            logging.changed.add(l);
            l.setLevel(Level.FINE);
        }
        return logging;
    }

    @Override
    public void close() {
        for (int i = 0; i < changed.size(); i++) {
            changed.get(i).setLevel(before.get(i));
        }
        LogManager.getLogManager().getLogger("").removeHandler(handler);
        handler.close();
    }
}
