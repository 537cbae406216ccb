package io.restcost.bench.load;

import io.restcost.bench.results.Histograms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
        Phase phase = new Phase(exchange, plan, recorder, control, schedule == Schedule.PER_WORKER && plan.openModel());
        List<Thread> workers = new ArrayList<>(plan.concurrency());
        for (int i = 0; i < plan.concurrency(); i++) {
            int writer = i;
            Thread t = new Thread(() -> phase.work(writer), "restcost-load-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        try {
            return phase.collect(workers, listener, enough);
        } catch (InterruptedException e) {
            control.interrupt("interrupted");
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            throw e;
        }
    }

    /** One run's shared state: its schedule, what its workers counted, and the once-a-second collection. */
    private static final class Phase {

        private final Exchange exchange;
        private final LoadPlan plan;
        private final LatencyRecorder recorder;
        private final RunControl control;
        private final boolean perWorker;
        private final ErrorCounts errors = new ErrorCounts();
        private final LongAdder completed = new LongAdder();
        private final AtomicLong tickets = new AtomicLong();
        private final AtomicBoolean over = new AtomicBoolean();
        private final long startNanos = System.nanoTime();
        private final long startMillis = System.currentTimeMillis();
        private final long deadlineNanos;
        private final long periodNanos;

        Phase(Exchange exchange, LoadPlan plan, LatencyRecorder recorder, RunControl control, boolean perWorker) {
            this.exchange = exchange;
            this.plan = plan;
            this.recorder = recorder;
            this.control = control;
            this.perWorker = perWorker;
            this.deadlineNanos = plan.duration() == null ? Long.MAX_VALUE : startNanos + plan.duration().toNanos();
            this.periodNanos = plan.openModel() ? Math.max(1, Math.round(1e9 / plan.ratePerSecond())) : 0;
        }

        private boolean stopping() {
            return over.get() || control.stopping();
        }

        /** Worker {@code writer}'s loop: take a slot, wait for its moment, send, record; until the plan or a stop ends it. */
        void work(int writer) {
            long own = 0;
            while (!stopping()) {
                long ticket = perWorker ? writer + own++ * plan.concurrency() : tickets.getAndIncrement();
                if (plan.requests() > 0 && ticket >= plan.requests()) {
                    return;
                }
                long intended = intendedStart(ticket);
                if (intended < 0) {
                    return;
                }
                send(writer, intended, periodNanos > 0 ? System.nanoTime() : intended);
            }
        }

        /**
         * When slot {@code ticket} should start: in the open model its place on the schedule, waited
         * for; in the closed model now. -1 when the phase ends first.
         */
        private long intendedStart(long ticket) {
            if (periodNanos == 0) {
                long now = System.nanoTime();
                return now >= deadlineNanos ? -1 : now;
            }
            long intended = startNanos + ticket * periodNanos;
            if (intended >= deadlineNanos) {
                return -1;
            }
            for (long wait; (wait = intended - System.nanoTime()) > 0 && !stopping(); ) {
                LockSupport.parkNanos(wait);
            }
            return stopping() ? -1 : intended;
        }

        private void send(int writer, long intended, long sent) {
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

        /**
         * Once a second, the interval's histograms to {@code listener}, until the plan ends, the
         * workers finish, a stop is asked or {@code enough} says so; then the whole run's figures.
         */
        Result collect(List<Thread> workers, IntervalListener listener, BooleanSupplier enough) throws InterruptedException {
            Histogram totalCorrected = Histograms.newHistogram();
            Histogram totalUncorrected = Histograms.newHistogram();
            Histogram totalFailed = Histograms.newHistogram();
            Histogram corrected = null;
            Histogram uncorrected = null;
            Histogram failed = null;
            long intervalStartMillis = startMillis;
            long lastCompleted = 0;
            for (boolean running = true; running; ) {
                long next = startNanos + ((System.nanoTime() - startNanos) / INTERVAL_NANOS + 1) * INTERVAL_NANOS;
                running = awaitUntil(workers, Math.min(next, deadlineNanos), control)
                        && System.nanoTime() < deadlineNanos && !enough.getAsBoolean();
                if (!running) {
                    over.set(true);
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
            return new Result(completed.sum(), errors, System.nanoTime() - startNanos, startMillis, totalCorrected, totalUncorrected,
                    totalFailed);
        }
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
