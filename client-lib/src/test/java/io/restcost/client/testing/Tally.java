package io.restcost.client.testing;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Sends numbered requests from threads started together and accounts for every one: each ends
 * either with a status or failed with an exception, counted by its class. A fault test then
 * checks {@code sent == succeeded + failed by class} against what the server saw.
 */
public final class Tally {

    /**
     * What a request returns for a response that came with a status but not the answer: a
     * fault's garbage delimited by the connection's close reads as a whole response.
     */
    public static final int CORRUPT = 0;

    /** Request number {@code n}: returns its status (or {@link #CORRUPT}), or throws the failure it met. */
    @FunctionalInterface
    public interface Numbered {
        int send(long n) throws IOException;
    }

    /**
     * What became of the requests sent.
     *
     * @param sent requests started
     * @param outcomes by status ({@code "200"}), {@code "corrupt"}, or exception class ({@code "SocketException"})
     */
    public record Outcomes(long sent, Map<String, Long> outcomes) {

        /** Requests answered with {@code status}. */
        public long status(int status) {
            return outcomes.getOrDefault(Integer.toString(status), 0L);
        }

        /** Requests that ended in an exception, of any class. */
        public long failed() {
            return outcomes.entrySet().stream().filter(e -> !Character.isDigit(e.getKey().charAt(0)) && !e.getKey().equals("corrupt"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** Responses that came with a status but not the answer. */
        public long corrupt() {
            return outcomes.getOrDefault("corrupt", 0L);
        }

        /** Every request that ended, however. */
        public long accounted() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return sent + " sent: " + outcomes;
        }
    }

    private Tally() {
    }

    /** Sends requests 0 to {@code total - 1} from {@code threads} threads; {@code progress} hears each number as it ends. */
    public static Outcomes run(Numbered request, long total, int threads, LongConsumer progress) throws Exception {
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        LongAdder sent = new LongAdder();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    start.await();
                    for (long n; (n = next.getAndIncrement()) < total; ) {
                        sent.increment();
                        String outcome;
                        try {
                            int status = request.send(n);
                            outcome = status == CORRUPT ? "corrupt" : Integer.toString(status);
                        } catch (IOException e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        progress.accept(n);
                    }
                    return null;
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(3, TimeUnit.MINUTES)) {
                throw new AssertionError("requests still running after 3 minutes");
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        return new Outcomes(sent.sum(), counts);
    }

    public static Outcomes run(Numbered request, long total, int threads) throws Exception {
        return run(request, total, threads, n -> { });
    }
}
