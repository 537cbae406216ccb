package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.auth.Auth;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.tls.TlsOptions;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.MockMqWeb;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server killed and started again mid-run, at 8 threads: its new token key makes every token
 * die, so the client logs in again, once for its token scope; every request sent is accounted
 * for (succeeded, or failed by class: refused, a handshake cut short, the stopping server's
 * 503), and every success was answered by a server.
 */
class ServerRestartTest {

    static final List<UserRegistry.User> USERS = List.of(new UserRegistry.User("mqadmin", "restart-test-pw", List.of("MQWebAdmin")));
    static final int THREADS = 8;
    static final int ATTEMPTS = 600;

    private static long ok200(MockMqWeb mq) {
        return mq.exchanges().stream().filter(e -> e.method().equals("GET") && e.path().equals(QMGR_PATH) && e.status() == 200).count();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRestartWithANewTokenKeyCostsOneLoginAndLosesNothing(Engine engine, @TempDir Path state) throws Exception {
        // a state folder of its own, which outlives it: the restarted server serves the same certificate
        MockMqWeb first = Mqweb.mock().users(USERS).cookieSuffix("restart").stateDir(state).start();
        MockMqWeb[] second = new MockMqWeb[1];
        Map<String, LongAdder> failed = new ConcurrentHashMap<>();
        LongAdder succeeded = new LongAdder();
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(ATTEMPTS / 3);
        try (RestClient client = RestClient.builder().baseUri(first.baseUri()).engine(engine)
                .policy(SessionPolicy.rotating().maxRequests(20).build()).tls(TlsOptions.builder().trustPem(first.caPem()).build())
                .auth(Auth.ltpa("mqadmin", "restart-test-pw".toCharArray())).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    while (sent.getAndIncrement() < ATTEMPTS) {
                        try {
                            int status = client.get(QMGR_PATH).status();
                            if (status == 200) {
                                succeeded.increment();
                            } else {
                                failed.computeIfAbsent("http " + status, k -> new LongAdder()).increment();
                            }
                        } catch (IOException e) {
                            failed.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                            Thread.sleep(20);
                        }
                        third.countDown();
                    }
                    return null;
                });
            }
            third.await(60, TimeUnit.SECONDS);
            int port = first.port();
            first.close();
            second[0] = Mqweb.mock().port(port).keyStore(first.pki().serverKeystore(), first.pki().password()).users(USERS)
                    .cookieSuffix("restart").start();
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        try {
            long failures = failed.values().stream().mapToLong(LongAdder::sum).sum();
            // every request sent is accounted for: succeeded or failed by class, nothing lost or counted twice
            assertThat(succeeded.sum() + failures).as("failed: %s", failed).isEqualTo(ATTEMPTS);
            // every success was answered by one of the two servers; a server may also have answered a GET whose
            // response the stop cut off (at most one in flight per thread), which the client then retried
            assertThat(ok200(first) + ok200(second[0])).isBetween(succeeded.sum(), succeeded.sum() + THREADS);
            assertThat(ok200(second[0])).isPositive();
            // one login on each server: the token scope's first, and the one after the restart killed its token
            assertThat(Mqweb.logins(first)).isEqualTo(1);
            assertThat(Mqweb.logins(second[0])).isEqualTo(1);
        } finally {
            second[0].close();
        }
    }
}
