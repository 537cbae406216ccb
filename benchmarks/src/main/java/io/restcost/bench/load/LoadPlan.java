package io.restcost.bench.load;

import java.time.Duration;

/**
 * How much load to offer: {@code concurrency} threads; either a request count or a duration;
 * closed model (each thread sends as soon as its previous request ends) or, with a rate,
 * open model (requests start on a fixed schedule of {@code ratePerSecond} whatever the server does).
 *
 * @param requests requests to complete, or 0 to run for {@code duration}
 * @param ratePerSecond 0 for the closed model
 */
public record LoadPlan(int concurrency, long requests, Duration duration, double ratePerSecond, Warmup warmup) {

    /**
     * @throws IllegalArgumentException naming the value when a setting is out of range, or
     *         when neither or both of requests and duration are given
     */
    public LoadPlan {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1: " + concurrency);
        }
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 1: " + requests);
        }
        if ((requests > 0) == (duration != null)) {
            throw new IllegalArgumentException("give either a request count or a duration, not " + (requests > 0 ? "both" : "neither"));
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be > 0 requests per second: " + ratePerSecond);
        }
        if (warmup == null) {
            throw new IllegalArgumentException("warmup must be given: Warmup.NONE for none");
        }
    }

    /** A plan whose warm-up lasts exactly {@code warmup}. */
    public LoadPlan(int concurrency, long requests, Duration duration, double ratePerSecond, Duration warmup) {
        this(concurrency, requests, duration, ratePerSecond, Warmup.fixed(warmup));
    }

    public boolean openModel() {
        return ratePerSecond > 0;
    }

    /** The same plan at {@code rate} requests per second (0: the closed model). */
    public LoadPlan withRate(double rate) {
        return new LoadPlan(concurrency, requests, duration, rate, warmup);
    }

    /**
     * The warm-up phase itself: the same load without warm-up, running for the warm-up's longest
     * (an {@code auto} warm-up ends sooner, by its {@link Warmup#gate()}).
     */
    public LoadPlan warmupPhase() {
        return withWarmupPhase(warmup);
    }

    /** A warm-up phase of the same load running for {@code phase}'s longest. */
    public LoadPlan withWarmupPhase(Warmup phase) {
        return new LoadPlan(concurrency, 0, phase.max(), ratePerSecond, Warmup.NONE);
    }
}
