package io.restcost.client.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.http.Origin;
import io.restcost.client.testing.FakeTicker;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A thread that waits for another thread's login waits no longer than its own request may, and stops when cancelled. */
class SharedTokenTest {

    static final Origin ORIGIN = Origin.of(URI.create("https://mqweb.test:9443"));

    @Test
    void aWaiterGivesUpAtItsOwnTimeoutAndWhenCancelled() throws Exception {
        FakeTicker ticker = new FakeTicker();
        SharedToken shared = new SharedToken(ORIGIN, ticker);
        CountDownLatch loginStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<LtpaToken> first = CompletableFuture.supplyAsync(() -> {
            try {
                return shared.get(null, () -> {
                    loginStarted.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return LtpaToken.fromSetCookies(ORIGIN, List.of("LtpaToken2_1=t; Secure"), ticker.read());
                }, SharedToken.Wait.upTo(Duration.ofSeconds(30), () -> false));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(loginStarted.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        assertThatThrownBy(() -> shared.get(null, () -> {
            throw new AssertionError("a second login while one is in flight");
        }, SharedToken.Wait.upTo(Duration.ofMillis(200), () -> false)))
                .isInstanceOf(InterruptedIOException.class)
                .hasMessage("gave up after 200 ms waiting for another thread's login to https://mqweb.test:9443");
        // The login it waits for holds until the end of the test: it gave up on its own clock.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<Throwable> third = CompletableFuture.supplyAsync(() -> {
            try {
                shared.get(null, () -> null, SharedToken.Wait.upTo(Duration.ofSeconds(30), cancelled::get));
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        cancelled.set(true);
        assertThat(third.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("cancelled while waiting for another thread's login");

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).name()).isEqualTo("LtpaToken2_1");
    }
}
