package io.restcost.client.session;

import java.util.random.RandomGenerator;

/**
 * The limits one session drew when it opened: it carries at most {@code maxRequests}
 * requests and lives at most {@code maxAgeNanos}, whichever comes first.
 *
 * <p>Drawn once per session, never re-drawn on a later check: a limit re-drawn on every check
 * is not jitter (pgx learned this, issue #1437).
 *
 * @param maxRequests the most requests the session carries ({@link Integer#MAX_VALUE}: no limit)
 * @param maxAgeNanos the longest the session lives ({@link Long#MAX_VALUE}: no limit)
 */
public record RotationLimits(int maxRequests, long maxAgeNanos) {

    /** No limits: a pooled session. */
    public static final RotationLimits NONE = new RotationLimits(Integer.MAX_VALUE, Long.MAX_VALUE);

    /**
     * Draws the limits of one new session: each limit uniformly in
     * [limit*(1-jitter), limit*(1+jitter)], the request limit rounded inward to whole requests
     * and never below 1.
     */
    public static RotationLimits draw(SessionPolicy policy, RandomGenerator random) {
        double jitter = policy.jitter();
        int requests = policy.maxRequests();
        if (requests != Integer.MAX_VALUE && jitter > 0) {
            int lo = Math.max(1, (int) Math.ceil(requests * (1 - jitter)));
            int hi = Math.max(lo, (int) Math.floor(requests * (1 + jitter)));
            requests = lo == hi ? lo : random.nextInt(lo, hi + 1);
        }
        long ageNanos = Long.MAX_VALUE;
        if (policy.maxAge() != null) {
            ageNanos = policy.maxAge().toNanos();
            if (jitter > 0) {
                long lo = (long) Math.ceil(ageNanos * (1 - jitter));
                long hi = (long) Math.floor(ageNanos * (1 + jitter));
                ageNanos = lo >= hi ? lo : random.nextLong(lo, hi + 1);
            }
        }
        return new RotationLimits(requests, ageNanos);
    }
}
