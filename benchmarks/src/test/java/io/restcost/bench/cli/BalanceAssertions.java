package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What every balance scenario in balance.json must show, whichever route reached the instances. */
final class BalanceAssertions {

    private BalanceAssertions() {
    }

    /** Every answered request was counted by one instance (logins are requests too). */
    static void everyAnsweredRequestCounted(JsonNode s) {
        long served = sum(s.path("requests"));
        long logins = sum(s.path("logins"));
        long ok = s.path("totalRequests").asLong() - s.path("totalErrors").asLong();
        assertThat(Math.abs(served - logins - ok)).as(s.path("policy").asText() + ": served %d, logins %d, ok %d", served, logins, ok)
                .isLessThanOrEqualTo(s.path("totalErrors").asLong() + 8);
    }

    /**
     * One-shot spreads to the added instance at once, rotating ({@code rotating}, e.g.
     * {@code rotating-50}) within a few seconds, and pooled gives it nothing before the removal.
     */
    static void balancesAsItsPolicyShould(JsonNode s, String rotating) {
        String policy = s.path("policy").asText().replace(" HTTP/2", "");
        if (policy.equals("one-shot")) {
            assertThat(s.path("secondsToFairShare").asDouble()).as(policy).isBetween(1.0, 3.0);
        } else if (policy.equals(rotating)) {
            assertThat(s.path("secondsToFairShare").asDouble()).as(policy).isBetween(1.0, 5.0);
        } else if (policy.equals("pooled")) {
            // when it fails, say what each second looked like: a pooled connection replaced after
            // an error may land on the added instance
            assertThat(s.path("secondsToFairShare").isNull())
                    .as("%s reached a fair share on the added instance (added at %s s, removed at %s s);"
                            + " requests per second and instance %s, errors per second %s", policy,
                            s.path("addedAt"), s.path("removedAt"), s.path("requests"), s.path("errors"))
                    .isTrue();
            // until the removal broke its connections, pooled gave the added instance nothing
            long toAdded = 0;
            for (int second = 0; second < (int) Math.floor(s.path("removedAt").asDouble()) - 1; second++) {
                toAdded += s.path("requests").get(second).get(2).asLong();
            }
            assertThat(toAdded).as("pooled sent the added instance work before the removal").isZero();
            // one connection per thread, opened at the start, and none after until the removal broke some
            long opened = 0;
            for (int second = 0; second < (int) Math.floor(s.path("removedAt").asDouble()) - 1; second++) {
                opened += s.path("connections").get(second).asLong();
            }
            assertThat(opened).as("pooled connections opened before the removal, per second: %s", s.path("connections"))
                    .isEqualTo(s.path("concurrency").asLong());
        } else {
            throw new AssertionError(policy);
        }
    }

    private static long sum(JsonNode rows) {
        long n = 0;
        for (JsonNode row : rows) {
            for (JsonNode v : row) {
                n += v.asLong();
            }
        }
        return n;
    }
}
