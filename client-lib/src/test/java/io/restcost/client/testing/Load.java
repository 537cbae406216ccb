package io.restcost.client.testing;

import io.restcost.client.RestClient;
import io.restcost.client.http.RestRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends a fixed number of requests from a fixed number of threads, all starting together. */
public final class Load {

    private Load() {
    }

    /** One request, whatever sends it; returns its status. */
    @FunctionalInterface
    public interface Exchange {
        int send() throws Exception;
    }

    /** Sends {@code total} requests from {@code threads} threads; returns the count of each status. */
    public static Map<Integer, Integer> run(RestClient client, RestRequest request, int total, int threads) throws Exception {
        return run(() -> client.execute(request).status(), total, threads);
    }

    /** Sends {@code total} exchanges from {@code threads} threads started together; returns the count of each status. */
    public static Map<Integer, Integer> run(Exchange exchange, int total, int threads) throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    while (next.getAndIncrement() < total) {
                        statuses.merge(exchange.send(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return statuses;
    }
}
