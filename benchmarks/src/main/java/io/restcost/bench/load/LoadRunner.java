package io.restcost.bench.load;

import io.restcost.bench.results.Histograms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Offers the load of a {@link LoadPlan} and records every request's latency.
 *
 * <p>Workers are platform threads, one per unit of concurrency. In the open model the i-th
 * request's intended start is {@code t0 + i / rate}: a worker waits for that moment and the
 * latency runs from it, so when the server stalls the backlog shows up as latency (wrk2's
 * rule). The calling thread reads an interval histogram once a second and hands it to the
 * {@link IntervalListener} (the interval log and the progress line), so everything measured
 * is written as it is measured.
 */
public final class LoadRunner {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One request; returns its HTTP status. */
    @FunctionalInterface
    public interface Exchange {
        int execute() throws IOException;
    }

    /** Receives one interval of the run, on the calling thread, about once a second. */
    @FunctionalInterface
    public interface IntervalListener {
        void interval(Interval interval);
    }

    /**
     * One reporting interval. The histograms are recycled after the call: copy them to keep them.
     *
     * @param startEpochMillis wall-clock start of the interval
     * @param requestsSoFar requests completed since the run started, failed ones included
     */
    public record Interval(long startEpochMillis, long endEpochMillis, double elapsedSeconds, Histogram corrected,
            Histogram uncorrected, Histogram failed, long requestsInInterval, long requestsSoFar, long errorsSoFar) {
    }

    /**
     * What a run measured.
     *
     * @param requests requests completed, failed ones included
     * @param corrected latency from each request's intended start, microseconds
     * @param uncorrected latency from each request's send, microseconds
     * @param failed latency of the requests that got no response, from their intended start, microseconds
     */
    public record Result(long requests, ErrorCounts errors, long elapsedNanos, long startEpochMillis,
            Histogram corrected, Histogram uncorrected, Histogram failed) {

        /** Requests that got a non-error response, per second of the run. */
        public double throughputPerSecond() {
            return elapsedNanos == 0 ? 0 : (requests - errors.total()) * 1e9 / elapsedNanos;
        }
    }

    private LoadRunner() {
    }

    /**
     * Who sends the open model's requests: {@code SHARED}, the next free worker takes the next
     * slot of the schedule (an application's thread pool: at a low rate a few threads, and their
     * sessions, carry most of it); {@code PER_WORKER}, worker w owns every concurrency-th slot
     * from w (wrk2's rule: each session carries rate / concurrency, so none sits idle).
     */
    public enum Schedule {
        SHARED, PER_WORKER
    }

    /**
     * Runs {@code plan} (its warm-up excluded: run {@link LoadPlan#warmupPhase()} first for that),
     * its open model's slots {@link Schedule#SHARED}.
     *
     * @param recorder where latencies go; its expected interval decides closed-model correction
     * @throws InterruptedException if the calling thread is interrupted; workers are stopped first
     */
    public static Result run(Exchange exchange, LoadPlan plan, LatencyRecorder recorder, RunControl control,
            IntervalListener listener) throws InterruptedException {
        return run(exchange, plan, recorder, control, listener, Schedule.SHARED);
    }

    /** As {@link #run(Exchange, LoadPlan, LatencyRecorder, RunControl, IntervalListener)}, the open model's slots given out by {@code schedule}. */
    public static Result run(Exchange exchange, LoadPlan plan, LatencyRecorder recorder, RunControl control,
            IntervalListener listener, Schedule schedule) throws InterruptedException {
        return run(exchange, plan, recorder, control, listener, schedule, () -> false);
    }

    /**
     * As {@link #run(Exchange, LoadPlan, LatencyRecorder, RunControl, IntervalListener, Schedule)}, ending
     * before the plan does at the first once-a-second check where {@code enough} is true (a
     * {@link Warmup.Gate}: the warm-up has done its work).
     */
    public static Result run(Exchange exchange, LoadPlan plan, LatencyRecorder recorder, RunControl control,
            IntervalListener listener, Schedule schedule, BooleanSupplier enough) throws InterruptedException {
        ErrorCounts errors = new ErrorCounts();
        LongAdder completed = new LongAdder();
        AtomicLong tickets = new AtomicLong();
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long deadlineNanos = plan.duration() == null ? Long.MAX_VALUE : startNanos + plan.duration().toNanos();
        long periodNanos = plan.openModel() ? Math.max(1, Math.round(1e9 / plan.ratePerSecond())) : 0;
        AtomicBoolean phaseOver = new AtomicBoolean();
        BooleanSupplier stopping = () -> phaseOver.get() || control.stopping();

        boolean perWorker = schedule == Schedule.PER_WORKER && plan.openModel();
        IntFunction<Runnable> workerFor = writer -> () -> {
            long own = 0;
            while (!stopping.getAsBoolean()) {
                long ticket = perWorker ? writer + own++ * plan.concurrency() : tickets.getAndIncrement();
                if (plan.requests() > 0 && ticket >= plan.requests()) {
                    return;
                }
                long intended;
                if (periodNanos > 0) {
                    intended = startNanos + ticket * periodNanos;
                    if (intended >= deadlineNanos) {
                        return;
                    }
                    for (long wait; (wait = intended - System.nanoTime()) > 0 && !stopping.getAsBoolean(); ) {
                        LockSupport.parkNanos(wait);
                    }
                    if (stopping.getAsBoolean()) {
                        return;
                    }
                } else {
                    intended = System.nanoTime();
                    if (intended >= deadlineNanos) {
                        return;
                    }
                }
                long sent = periodNanos > 0 ? System.nanoTime() : intended;
                try {
                    ErrorClass failed = ErrorClass.ofStatus(exchange.execute());
                    recorder.record(writer, intended, sent, System.nanoTime());
                    if (failed != null) {
                        errors.count(failed);
                    }
                } catch (IOException e) {
                    recorder.recordFailed(writer, intended, System.nanoTime());
                    errors.count(e);
                } catch (RuntimeException e) {
                    recorder.recordFailed(writer, intended, System.nanoTime());
                    errors.count(new IOException(e.getClass().getSimpleName(), e));
                }
                completed.increment();
            }
        };

        List<Thread> workers = new ArrayList<>(plan.concurrency());
        for (int i = 0; i < plan.concurrency(); i++) {
            Thread t = new Thread(workerFor.apply(i), "restcost-load-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }

        Histogram totalCorrected = Histograms.newHistogram();
        Histogram totalUncorrected = Histograms.newHistogram();
        Histogram totalFailed = Histograms.newHistogram();
        Histogram corrected = null;
        Histogram uncorrected = null;
        Histogram failed = null;
        long intervalStartMillis = startMillis;
        long lastCompleted = 0;
        boolean running = true;
        try {
            while (running) {
                long next = startNanos + ((System.nanoTime() - startNanos) / INTERVAL_NANOS + 1) * INTERVAL_NANOS;
                running = awaitUntil(workers, Math.min(next, deadlineNanos), control);
                if (System.nanoTime() >= deadlineNanos || (running && enough.getAsBoolean())) {
                    running = false;
                }
                if (!running) {
                    phaseOver.set(true);
                    for (Thread t : workers) {
                        t.join();
                    }
                }
                corrected = recorder.intervalCorrected(corrected);
                uncorrected = recorder.intervalUncorrected(uncorrected);
                failed = recorder.intervalFailed(failed);
                totalCorrected.add(corrected);
                totalUncorrected.add(uncorrected);
                totalFailed.add(failed);
                long now = System.currentTimeMillis();
                long done = completed.sum();
                listener.interval(new Interval(intervalStartMillis, now, (System.nanoTime() - startNanos) / 1e9,
                        corrected, uncorrected, failed, done - lastCompleted, done, errors.total()));
                intervalStartMillis = now;
                lastCompleted = done;
            }
        } catch (InterruptedException e) {
            control.interrupt("interrupted");
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            throw e;
        }
        long elapsed = System.nanoTime() - startNanos;
        return new Result(completed.sum(), errors, elapsed, startMillis, totalCorrected, totalUncorrected, totalFailed);
    }

    /** Waits until {@code untilNanos}; false as soon as every worker has finished or a stop was asked. */
    private static boolean awaitUntil(List<Thread> workers, long untilNanos, RunControl control) throws InterruptedException {
        while (System.nanoTime() < untilNanos) {
            if (control.stopping()) {
                return false;
            }
            boolean anyAlive = false;
            for (Thread t : workers) {
                anyAlive |= t.isAlive();
            }
            if (!anyAlive) {
                return false;
            }
            long wait = Math.min(untilNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50));
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return true;
    }
}
