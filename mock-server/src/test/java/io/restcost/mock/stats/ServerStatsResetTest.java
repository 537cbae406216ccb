package io.restcost.mock.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.kit.UserRegistry;
import io.restcost.mock.auth.AuthCache;
import io.restcost.mock.auth.LtpaTokenCodec;
import io.restcost.mock.auth.MqwebSecurity;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * A reset draws a line: what a connection accepted before it did (its close, its handshake,
 * the requests it carried up to its close) is never in the figures after it. The harness
 * relies on that: it closes its warm-up client and resets at once, and the server may see
 * the warm-up connection close while the reset runs.
 */
class ServerStatsResetTest {

    private static ServerStats stats() {
        UserRegistry users = UserRegistry.of(UserRegistry.defaultUsers(), 1);
        AuthCache cache = new AuthCache(users, Duration.ofMinutes(10), 100, System::nanoTime);
        MqwebSecurity security = new MqwebSecurity(users, cache, LtpaTokenCodec.withRandomKey("test"), "LtpaToken2_1",
                Duration.ofHours(2), Clock.systemUTC(), false);
        return new ServerStats(security);
    }

    @Test
    void aConnectionAcceptedBeforeAResetIsNotCountedWhenItClosesAfter() {
        ServerStats stats = stats();
        Object network = new Object();
        ServerStats.Conn conn = stats.opened(network, System.currentTimeMillis());
        conn.countRequest();
        stats.reset();
        conn.countRequest();
        stats.closed(network);
        assertThat(stats.accepted()).isZero();
        assertThat(stats.closed()).isZero();
        assertThat(stats.snapshot().requestsPerConnection().closedConnections()).isZero();
    }

    /**
     * The close and the reset race, on two threads, many times over: however they interleave,
     * the warm-up connection is never one of the closed connections after the reset.
     */
    @Test
    void aCloseRacingTheResetIsNeverCountedAfterIt() throws Exception {
        ServerStats stats = stats();
        int rounds = 20_000;
        CyclicBarrier start = new CyclicBarrier(2);
        Object[] network = new Object[1];
        long[] counted = new long[1];
        Thread closer = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    start.await();
                    stats.closed(network[0]);
                    start.await();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        closer.start();
        for (int i = 0; i < rounds; i++) {
            network[0] = new Object();
            ServerStats.Conn conn = stats.opened(network[0], System.currentTimeMillis());
            conn.countRequest();
            conn.countRequest();
            start.await();
            stats.reset();
            start.await();
            counted[0] += stats.closed();
        }
        closer.join();
        assertThat(counted[0]).as("warm-up connections counted as closed after the reset, in %d rounds", rounds).isZero();
    }
}
