package io.restcost.bench.load;

import io.restcost.cli.DurationConverter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How long a run warms up before its measured window: a fixed time, or ({@code auto}) until
 * this JVM's JIT compiler has settled.
 *
 * <p>Why {@code auto}: on a small machine the client's own JIT is the largest client cost of a
 * flat-out run. Measured here with the client pinned to one core against nginx (pooled, four
 * connections), C2 used a quarter of that core for the first 15 to 20 s, and pooled Apache
 * read 8,000/s two seconds in and 33,000/s once compilation had stopped. A window that opens
 * while the JIT still compiles under-states the client's throughput and over-states its CPU
 * per request. wrk has no JIT, so a comparison with it needs the window after.
 *
 * <p>The rule: the warm-up ends at the first once-a-second check, at least {@link #min()} in,
 * at which the JVM spent at most {@link #QUIET_SHARE} of the last {@link #QUIET_WINDOW} compiling
 * ({@link CompilationMXBean#getTotalCompilationTime()}), and at {@link #max()} at the latest.
 *
 * @param min the shortest warm-up; all of it when not {@code untilJitSettles}
 * @param max the longest warm-up; equal to {@code min} when not {@code untilJitSettles}
 */
public record Warmup(Duration min, Duration max, boolean untilJitSettles) {

    /** {@code auto}'s shortest warm-up: the old fixed default, so {@code auto} never warms less than it did. */
    public static final Duration AUTO_MIN = Duration.ofSeconds(5);
    /** {@code auto}'s longest warm-up unless given ({@code auto:90s}). */
    public static final Duration AUTO_MAX = Duration.ofSeconds(60);
    /** The trailing window over which the JIT must have been quiet. */
    public static final Duration QUIET_WINDOW = Duration.ofSeconds(2);
    /** The share of {@link #QUIET_WINDOW} the JIT may spend compiling and still count as settled. */
    public static final double QUIET_SHARE = 0.05;

    /** No warm-up. */
    public static final Warmup NONE = fixed(Duration.ZERO);

    /**
     * @throws IllegalArgumentException naming the value when a bound is negative or {@code min} exceeds {@code max}
     */
    public Warmup {
        if (min == null || min.isNegative()) {
            throw new IllegalArgumentException("warmup must be >= 0: " + min);
        }
        if (max == null || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("warmup's longest (" + max + ") must be >= its shortest (" + min + ")");
        }
        if (!untilJitSettles && !max.equals(min)) {
            throw new IllegalArgumentException("a fixed warmup has one length, not " + min + " to " + max);
        }
    }

    /** Exactly {@code d}. */
    public static Warmup fixed(Duration d) {
        return new Warmup(d, d, false);
    }

    /** Until the JIT has settled, {@link #AUTO_MIN} to {@code max}. */
    public static Warmup auto(Duration max) {
        return new Warmup(max.compareTo(AUTO_MIN) < 0 ? max : AUTO_MIN, max, true);
    }

    /**
     * Reads {@code auto}, {@code auto:MAX} (e.g. {@code auto:120s}) or a fixed duration ({@code 10s}, {@code 0s}).
     *
     * @throws IllegalArgumentException naming the value and the forms
     */
    public static Warmup parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return auto(AUTO_MAX);
        }
        boolean auto = v.startsWith("auto:");
        Duration d;
        try {
            d = DurationConverter.parse(auto ? v.substring("auto:".length()) : v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a warm-up (write auto, auto:120s, or a duration "
                    + "such as 10s; 0s for none)");
        }
        if (auto && d.isZero()) {
            throw new IllegalArgumentException("'" + value + "': auto's longest warm-up must be above 0s");
        }
        return auto ? auto(d) : fixed(d);
    }

    public boolean isZero() {
        return max.isZero();
    }

    /** As given on the command line: {@code auto:60s} or {@code 10s}. */
    @Override
    public String toString() {
        return untilJitSettles ? "auto:" + max.toSeconds() + "s" : max.toMillis() % 1000 == 0 ? max.toSeconds() + "s"
                : max.toMillis() + "ms";
    }

    /** This JVM's total compilation time in milliseconds, or -1 when the JVM does not tell it. */
    public static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * The check that ends an {@code auto} warm-up, asked once a second by {@link LoadRunner}; never true
     * for a fixed one (its plan's duration ends it).
     */
    public Gate gate() {
        return new Gate(this, Warmup::jitMillis, System::nanoTime);
    }

    /**
     * Decides when an {@code auto} warm-up has done its work. Not thread-safe: one reader asks it.
     * Time and the compilation counter are injected, so the rule is tested without a JIT.
     */
    public static final class Gate implements BooleanSupplier {
        private final Warmup warmup;
        private final LongSupplier jitMillis;
        private final LongSupplier nanoTime;
        private final long startNanos;
        private final ArrayDeque<long[]> samples = new ArrayDeque<>();
        private boolean settled;
        private int missedChances;

        /** @param jitMillis the JIT's total compilation time, -1 when unknown */
        public Gate(Warmup warmup, LongSupplier jitMillis, LongSupplier nanoTime) {
            this.warmup = warmup;
            this.jitMillis = jitMillis;
            this.nanoTime = nanoTime;
            this.startNanos = nanoTime.getAsLong();
            samples.add(new long[] {startNanos, jitMillis.getAsLong()});
        }

        /** True once the JIT was quiet over the last {@link #QUIET_WINDOW}, at least {@link Warmup#min()} in. */
        @Override
        public boolean getAsBoolean() {
            if (!warmup.untilJitSettles()) {
                return false;
            }
            long now = nanoTime.getAsLong();
            long compiled = jitMillis.getAsLong();
            samples.add(new long[] {now, compiled});
            long windowNanos = QUIET_WINDOW.toNanos();
            // keep the newest sample at least a window old, and everything after it
            while (samples.size() > 2 && now - nextToOldest() >= windowNanos) {
                samples.removeFirst();
            }
            if (now - startNanos < warmup.min().toNanos()) {
                return false;
            }
            long[] oldest = samples.getFirst();
            long spanNanos = now - oldest[0];
            if (spanNanos < windowNanos) {
                return false;
            }
            // a JVM that does not tell its compilation time (-1) has nothing to wait for
            settled = compiled < 0 || compiled - oldest[1] <= QUIET_SHARE * spanNanos / 1e6;
            if (!settled) {
                missedChances++;
            }
            return settled;
        }

        /**
         * Settled by the second check that could say so ({@link Warmup#min()} and one second in): the JIT
         * compiled in at most the first second and was quiet after.
         */
        public boolean settledSoon() {
            return settled && missedChances <= 1;
        }

        /** Whether the last check found the JIT settled: false when the warm-up ended at its longest. */
        public boolean settled() {
            return settled;
        }

        private long nextToOldest() {
            var it = samples.iterator();
            it.next();
            return it.next()[0];
        }
    }
}
