package io.restcost.bench.advise;

/**
 * One strategy's short measured window in one round of {@code restcost advise}. Round 0 warms
 * up the client and the server and is not counted.
 *
 * @param strategy one-shot, pooled or rotating-N
 * @param rate the open model's rate, requests per second
 * @param serverCpuMicros the server's CPU over the window, null without a server-CPU source
 * @param clientCpuMicros this process's CPU over the window
 * @param connections connections the strategy's client opened in the window
 */
public record Slice(int round, String strategy, double rate, double seconds, long requests, long errors, Double serverCpuMicros,
        double clientCpuMicros, long connections, long fullHandshakes, long resumedHandshakes, long logins) {

    /** The server's CPU per request in microseconds, with its background; null without a source or requests. */
    Double serverPerRequest() {
        return serverCpuMicros == null || requests == 0 ? null : serverCpuMicros / requests;
    }

    /** The server's CPU per request net of {@code idleMicrosPerSecond} of background; null as {@link #serverPerRequest()}. */
    Double serverNetPerRequest(double idleMicrosPerSecond) {
        return serverCpuMicros == null || requests == 0 ? null : (serverCpuMicros - idleMicrosPerSecond * seconds) / requests;
    }

    /** This process's CPU per request in microseconds. */
    double clientPerRequest() {
        return requests == 0 ? 0 : clientCpuMicros / requests;
    }
}
