package io.restcost.bench.servercpu;

import java.io.IOException;
import java.time.Duration;

/**
 * Where the server's CPU time is read from: the server's own cumulative process CPU counter,
 * never an estimate from the client. Read at the start and end of the measured window and
 * once a second between. Implementations are used from one thread at a time.
 */
public interface ServerCpuSource extends AutoCloseable {

    /**
     * The server's cumulative CPU time now, in nanoseconds from an arbitrary origin.
     *
     * @throws IOException when it cannot be read (the message names the source and the cause)
     */
    long cpuNanos() throws IOException;

    /** The source as the user gave it, e.g. {@code pid:1234+children}; never a password. */
    String name();

    /** The counter's step: one reading cannot tell apart two times closer than this. */
    Duration resolution();

    /** What the figure counts besides the requests, to print next to it. */
    String includes();

    /** Whether a reading is cheap enough to take once a second; else only at the window's ends. */
    default boolean readEachSecond() {
        return true;
    }

    @Override
    default void close() {
    }
}
