package io.restcost.bench.advise;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code restcost advise} found, as {@code advice.json} holds it: the settings, each
 * strategy's cost, the paired comparisons with their 95% intervals, the recommendation, the
 * plain words printed, and every slice measured (so the answer can be judged again).
 *
 * @param endedBy why it stopped: {@code decided}, {@code time-limit} or {@code interrupted}
 * @param partial stopped before the answer was decided
 * @param idleServerCpuMicrosPerSecond the server's background CPU per second: the lower of its idle readings; null when not read
 * @param idleReadings the idle readings, before the load and after it, in microseconds of CPU per second
 * @param judgedOn what the verdicts are judged on: {@code server-net}, {@code server} or {@code client}
 * @param roundsLeftOut leading rounds left out because the server was still warming up
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Advice(int formatVersion, Settings settings, String startedAt, double seconds, String endedBy, boolean partial,
        Double idleServerCpuMicrosPerSecond, List<Double> idleReadings, String judgedOn, int rounds, int roundsLeftOut, String warmupNote,
        List<Strategy> strategies, Comparison oneShotOverPooled, List<Rotation> rotations, Recommendation recommendation,
        List<String> words, List<Slice> slices) {

    /** The idle readings; for an advice.json written before they were kept, its one background figure. */
    public List<Double> readings() {
        return idleReadings != null ? idleReadings : idleServerCpuMicrosPerSecond == null ? List.of() : List.of(idleServerCpuMicrosPerSecond);
    }

    /** advice.json's format. */
    public static final int FORMAT_VERSION = 1;

    /**
     * What was asked.
     *
     * @param serverName what the user calls the server ({@code --server-name}), else what the server
     *     calls itself (its {@code Server} header); null when neither says
     * @param serverCpuResolutionMillis the server-CPU counter's step, or null without a source
     * @param maxExtraPercent the most extra server cost over pooled a recommended rotation may carry
     * @param appRate the application's requests per second, or null when not given
     */
    public record Settings(String target, String serverName, String path, String engine, String auth, String serverCpuSource,
            Double serverCpuResolutionMillis, List<String> strategies,
            String rates, int concurrency, double sliceSeconds, double timeLimitSeconds, double maxExtraPercent, Double appRate) {
    }

    /** One strategy over the counted rounds: means per request, in microseconds of CPU. */
    public record Strategy(String name, double rate, long requests, long errors, Double serverMicros, Double serverNetMicros,
            double clientMicros, double connectionsPer1000) {
    }

    /** One-shot's cost over pooled's, as a ratio, on each side; null where it was not measured. */
    public record Comparison(Estimate server, Estimate serverNet, Estimate client) {

        /** The figure the verdicts are judged on ({@link Advice#judgedOn()}). */
        public Estimate judged(String judgedOn) {
            return pick(judgedOn, server, serverNet, client);
        }
    }

    /**
     * A rotation length's extra cost over pooled, in percent.
     *
     * @param verdict {@code within} (at most the limit, with 95% confidence), {@code over} or {@code undecided}
     */
    public record Rotation(int requests, Estimate serverExtraPercent, Estimate serverNetExtraPercent, Estimate clientExtraPercent,
            String verdict) {

        /** The extra cost the verdict is judged on ({@link Advice#judgedOn()}). */
        public Estimate judged(String judgedOn) {
            return pick(judgedOn, serverExtraPercent, serverNetExtraPercent, clientExtraPercent);
        }
    }

    /** {@code server-net}, {@code server} or {@code client}'s figure. */
    static Estimate pick(String judgedOn, Estimate server, Estimate serverNet, Estimate client) {
        return switch (judgedOn) {
            case "server-net" -> serverNet;
            case "server" -> server;
            default -> client;
        };
    }

    /** The same advice with its words. */
    Advice withWords(List<String> lines) {
        return new Advice(formatVersion, settings, startedAt, seconds, endedBy, partial, idleServerCpuMicrosPerSecond, idleReadings,
                judgedOn, rounds, roundsLeftOut, warmupNote, strategies, oneShotOverPooled, rotations, recommendation, List.copyOf(lines),
                slices);
    }

    /**
     * @param requests the recommended rotation length; null when none was measured cheap enough
     * @param policy the policy to configure, e.g. {@code rotating:requests=50,age=10m,jitter=0.2}
     * @param decided the data decided it (else it is the best guess so far)
     * @param moreSeconds how much longer a run would likely decide it; null when decided or when no length of run would
     */
    public record Recommendation(Integer requests, String policy, boolean decided, Double moreSeconds) {
    }
}
