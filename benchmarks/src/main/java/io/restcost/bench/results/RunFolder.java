package io.restcost.bench.results;

import static io.restcost.bench.setting.Setting.OUT;

import io.restcost.bench.setting.SettingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * One run's folder and the files in it: {@code summary.json}, {@code latency.hgrm},
 * {@code latency.hlog} (and their {@code -uncorrected} twins in the closed model),
 * {@code jmh.json} when JMH ran, {@code report.html}. A matrix folder holds {@code index.json}
 * and one run folder per cell.
 */
public final class RunFolder {

    /**
     * The version of the files' format, in {@code summary.json} and {@code index.json}: raised
     * when a figure changes its meaning or its name, so that {@code compare} never judges two
     * folders that count differently. Folders written before it was recorded are version 1.
     */
    public static final int FORMAT_VERSION = 1;

    public static final String SUMMARY = "summary.json";
    public static final String INDEX = "index.json";
    /** {@code restcost balance}'s figures: one scenario per policy. */
    public static final String BALANCE = "balance.json";
    /** restcost advise's answer, every slice kept. */
    public static final String ADVICE = "advice.json";
    public static final String HGRM = "latency.hgrm";
    public static final String HLOG = "latency.hlog";
    public static final String HGRM_UNCORRECTED = "latency-uncorrected.hgrm";
    public static final String HLOG_UNCORRECTED = "latency-uncorrected.hlog";
    /** Requests that ended without a response, latency from their intended start. */
    public static final String HGRM_FAILED = "latency-failed.hgrm";
    public static final String HLOG_FAILED = "latency-failed.hlog";
    public static final String JMH = "jmh.json";
    public static final String REPORT = "report.html";

    /** Percentile distribution values are printed in milliseconds (recorded in microseconds). */
    private static final double HGRM_UNIT_RATIO = 1000.0;

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private RunFolder() {
    }

    /** {@code results/<UTC yyyyMMdd-HHmmss>-<label>}, under {@code resultsDir}. */
    public static Path newRunDir(Path resultsDir, Instant start, String label) {
        String safe = label == null || label.isBlank() ? "run" : label.replaceAll("[^A-Za-z0-9._-]+", "-");
        return resultsDir.resolve(STAMP.format(start) + "-" + safe);
    }

    /**
     * Creates {@code dir} (and parents).
     *
     * @throws IllegalArgumentException naming the folder when it cannot be created or holds a run already
     */
    public static Path create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String why = e.getMessage();
            throw new SettingException(n -> "cannot create the results folder " + dir + ": " + why + " (choose " + n.apply(OUT) + ")");
        }
        if (Files.exists(dir.resolve(SUMMARY)) || Files.exists(dir.resolve(INDEX)) || Files.exists(dir.resolve(BALANCE))) {
            throw new SettingException(n -> "results folder " + dir + " already holds a run (choose " + n.apply(OUT) + ")");
        }
        // before anything is measured: a run that could not write its results would be lost
        try {
            Files.delete(Files.createTempFile(dir, ".restcost-write-check", ""));
        } catch (IOException e) {
            throw new SettingException(n -> "results folder " + dir + " is not writable (choose " + n.apply(OUT) + ")");
        }
        return dir;
    }

    public static void writeJson(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** HdrHistogram's percentile distribution text, values in milliseconds. */
    public static void writeHgrm(Path file, Histogram h) {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "US-ASCII")) {
            h.outputPercentileDistribution(out, 5, HGRM_UNIT_RATIO);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code dir} is a matrix (has {@code index.json}) rather than a single run. */
    public static boolean isMatrix(Path dir) {
        return Files.isReadable(dir.resolve(INDEX));
    }

    /** Every interval histogram of an interval log, in order; empty when the file does not exist. */
    public static List<Histogram> readIntervals(Path hlog) {
        List<Histogram> out = new ArrayList<>();
        if (!Files.isReadable(hlog)) {
            return out;
        }
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                if (h instanceof Histogram histogram) {
                    out.add(histogram);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hlog + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(hlog + " is not an HdrHistogram interval log (" + e.getMessage() + ")");
        }
        return out;
    }
}
