package io.restcost.bench.run;

import static io.restcost.bench.setting.Setting.RUNNER_INDEX;
import static io.restcost.bench.setting.Setting.START_AT;

import io.restcost.bench.setting.SettingException;
import io.restcost.bench.load.RunControl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Which of N runners this one is, on which host, and when the runners start together
 * ({@code --start-at}), so that N runners measure the same window and {@code restcost merge}
 * can add their histograms interval by interval.
 *
 * @param index {@code --runner-index}, else {@code JOB_COMPLETION_INDEX} (a Kubernetes Indexed Job), else null
 * @param host this machine's name (a pod's name on Kubernetes)
 * @param startAt when the measured window begins (a run warms up just before it; a matrix begins then), or null for at once
 */
public record RunnerSlot(Integer index, String host, Instant startAt) {

    /** A start this far in the past is refused: the runners would not measure one window. */
    public static final Duration LATE = Duration.ofSeconds(5);

    /** A runner alone: no index, no start time. */
    public static final RunnerSlot ALONE = new RunnerSlot(null, thisHost(), null);

    /**
     * From the options, {@code JOB_COMPLETION_INDEX} filling in a missing index.
     *
     * @throws IllegalArgumentException naming the option when the time does not parse or an index is negative
     */
    public static RunnerSlot of(String startAt, Integer index, String jobCompletionIndex) {
        Integer i = index;
        if (i == null && jobCompletionIndex != null && !jobCompletionIndex.isBlank()) {
            try {
                i = Integer.parseInt(jobCompletionIndex.strip());
            } catch (NumberFormatException e) {
                throw new SettingException(n -> "JOB_COMPLETION_INDEX=" + jobCompletionIndex + " is not a number; give "
                        + n.apply(RUNNER_INDEX));
            }
        }
        if (i != null && i < 0) {
            Integer negative = i;
            throw new SettingException(n -> n.apply(RUNNER_INDEX) + " " + negative + ": give 0 or more");
        }
        Instant at = null;
        if (startAt != null) {
            try {
                at = Instant.parse(startAt.strip());
            } catch (DateTimeParseException e) {
                throw new SettingException(n -> n.apply(START_AT) + " " + startAt + ": give an ISO instant in UTC, e.g. 2026-11-30T10:15:00Z");
            }
        }
        RunnerSlot r = new RunnerSlot(i, thisHost(), at);
        r.checkNotLate();
        return r;
    }

    /** @throws IllegalArgumentException naming the option if {@link #startAt} passed more than {@link #LATE} ago */
    private void checkNotLate() {
        if (startAt == null) {
            return;
        }
        Duration late = Duration.between(startAt, Instant.now());
        if (late.compareTo(LATE) > 0) {
            throw new SettingException(n -> n.apply(START_AT) + " " + startAt + " passed " + late.toSeconds() + " s ago; give a time far "
                    + "enough ahead for every runner to start (runners started late do not measure the same window)");
        }
    }

    /** Time kept between a run's warm-up and its measured window: closing the warm-up client, building the measuring one. */
    public static final Duration PREPARE = Duration.ofSeconds(2);

    /**
     * A matrix: waits until {@link #startAt}, when it begins (client warm-up, then its cells).
     *
     * @throws IllegalArgumentException naming the option if the time passed more than {@link #LATE} ago
     */
    public void awaitStart(RunControl control) throws InterruptedException {
        if (startAt != null) {
            checkNotLate();
            sleepUntil(startAt, control);
        }
    }

    /**
     * A run: waits until its warm-up of {@code warmup} must begin so that the measured window
     * can begin at {@link #startAt}, {@link #PREPARE} after the warm-up ends. At once when
     * that moment has passed (the warm-up then ends late, and {@link #awaitMeasuredStart} does
     * not wait).
     */
    public void awaitWarmupStart(Duration warmup, RunControl control) throws InterruptedException {
        if (startAt != null) {
            checkNotLate();
            sleepUntil(startAt.minus(warmup).minus(PREPARE), control);
        }
    }

    /**
     * A run: waits until {@link #startAt}, when every runner's measured window begins, however
     * long each took to warm up and build its client.
     */
    public void awaitMeasuredStart(RunControl control) throws InterruptedException {
        if (startAt != null) {
            sleepUntil(startAt, control);
        }
    }

    private static void sleepUntil(Instant at, RunControl control) throws InterruptedException {
        while (!control.stopping()) {
            long millis = Duration.between(Instant.now(), at).toMillis();
            if (millis <= 0) {
                return;
            }
            Thread.sleep(Math.min(millis, 50));
        }
    }

    private static String thisHost() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
