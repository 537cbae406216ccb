package io.restcost.client.session;

/**
 * A source of nanosecond time, injected so that tests of time-based rotation run in
 * microseconds and never sleep (the idea of Caffeine's {@code Ticker}).
 *
 * <p>Implementations must be thread-safe and monotonic, like {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

    /** Returns the current time in nanoseconds, from an arbitrary origin. */
    long read();

    /** The system ticker, {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
