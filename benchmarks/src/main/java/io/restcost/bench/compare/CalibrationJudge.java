package io.restcost.bench.compare;

import io.restcost.bench.results.Results;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Judges the mock's calibration against Open Liberty from run folders on disk: two matrices
 * (one sample per cell), or a calibration folder of {@code round-N/{mock,liberty}/<cell>/}
 * ({@code calibrate-mock-vs-liberty.sh}). Cells are named as a matrix names them
 * ({@code one-shot_apache_basic}, {@code rotating-50_apache_basic}, {@code pooled_apache_basic}).
 *
 * <p>For every engine and auth mode it gives each strategy's server CPU per request on both
 * servers (medians over the rounds) and the mock / Liberty ratio (the median of the rounds' own
 * ratios: a round's two figures ran seconds apart, rounds minutes apart), and judges the
 * targets of the issue "A real Liberty mqweb":
 * <ul>
 *   <li>each strategy's mock / Liberty within 25%;</li>
 *   <li>one-shot : pooled on the mock within 20% of Liberty's;</li>
 *   <li>rotating every 50's extra cost over pooled within 20 percentage points.</li>
 * </ul>
 */
public final class CalibrationJudge {

    static final List<String> STRATEGIES = List.of("one-shot", "rotating-50", "pooled");
    static final double RATIO_WITHIN = 0.25;
    static final double ONE_SHOT_WITHIN_PERCENT = 20;
    static final double ROTATING_WITHIN_POINTS = 20;

    /** The table, and how many targets it missed. */
    public record Verdict(String table, int missed) {
    }

    /** One round: cell name to summary, on each server. */
    private record Round(Map<String, RunSummary> mock, Map<String, RunSummary> liberty) {
    }

    private CalibrationJudge() {
    }

    /**
     * Judges {@code folders}: one calibration folder, or a mock matrix and a Liberty matrix.
     *
     * @throws IllegalArgumentException one line naming the folder or cell that cannot be judged
     */
    public static Verdict judge(List<Path> folders) {
        List<Round> rounds = new ArrayList<>();
        String what;
        if (folders.size() == 2) {
            rounds.add(new Round(cells(folders.get(0)), cells(folders.get(1))));
            what = folders.get(0) + " against " + folders.get(1) + ", one sample per cell";
        } else if (folders.size() == 1) {
            for (Path r : roundFolders(folders.get(0))) {
                rounds.add(new Round(cells(r.resolve("mock")), cells(r.resolve("liberty"))));
            }
            what = folders.get(0) + ", " + rounds.size() + " rounds";
        } else {
            throw new IllegalArgumentException("give a calibration folder, or a mock matrix and a Liberty matrix, not " + folders.size()
                    + " folders");
        }
        TreeSet<String> groups = new TreeSet<>();
        rounds.forEach(r -> r.mock().keySet().stream().filter(n -> n.startsWith("pooled_")).forEach(n -> groups.add(n.split("_", 2)[1])));
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(folders.get(0) + ": no pooled cell found (its cells are named as a matrix names them, "
                    + "e.g. pooled_apache_basic)");
        }
        StringBuilder out = new StringBuilder();
        out.append("server CPU us per request: ").append(what).append('\n');
        out.append(String.format(Locale.ROOT, "%-30s %7s %10s %11s %13s   rounds%n", "cell", "rate/s", "mock us", "Liberty us", "mock/Liberty"));
        int missed = 0;
        for (String g : groups) {
            missed += judgeGroup(g, rounds, out);
        }
        out.append(missed == 0 ? "every target met" : missed + " target(s) missed").append('\n');
        return new Verdict(out.toString(), missed);
    }

    private static int judgeGroup(String g, List<Round> rounds, StringBuilder out) {
        Map<String, double[]> m = new LinkedHashMap<>();
        Map<String, double[]> l = new LinkedHashMap<>();
        Map<String, Double> rate = new LinkedHashMap<>();
        for (String k : STRATEGIES) {
            String name = k + "_" + g;
            double[] mk = new double[rounds.size()];
            double[] lk = new double[rounds.size()];
            for (int i = 0; i < rounds.size(); i++) {
                mk[i] = cpu(rounds.get(i).mock(), name, "round " + (i + 1) + " mock");
                lk[i] = cpu(rounds.get(i).liberty(), name, "round " + (i + 1) + " Liberty");
                rate.put(k, rounds.get(i).mock().get(name).rate());
            }
            m.put(k, mk);
            l.put(k, lk);
        }
        int missed = 0;
        for (String k : STRATEGIES) {
            double[] per = paired(m.get(k), l.get(k), (a, b) -> a / b);
            double r = median(per);
            boolean ok = r >= 1 - RATIO_WITHIN && r <= 1 + RATIO_WITHIN;
            missed += ok ? 0 : 1;
            Double perSecond = rate.get(k);
            String shown = perSecond == null ? "closed" : BigDecimal.valueOf(perSecond).stripTrailingZeros().toPlainString();
            out.append(String.format(Locale.ROOT, "%-30s %7s %,10.1f %,11.1f %9.2f %-6s %s%n", k + "_" + g, shown, median(m.get(k)),
                    median(l.get(k)), r, ok ? "ok" : "MISSED",
                    String.join(" ", Arrays.stream(per).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList())));
        }
        double mo = median(paired(m.get("one-shot"), m.get("pooled"), (a, b) -> a / b));
        double lo = median(paired(l.get("one-shot"), l.get("pooled"), (a, b) -> a / b));
        double mr = median(paired(m.get("rotating-50"), m.get("pooled"), (a, b) -> (a / b - 1) * 100));
        double lr = median(paired(l.get("rotating-50"), l.get("pooled"), (a, b) -> (a / b - 1) * 100));
        double d1 = (mo - lo) / lo * 100;
        double d2 = mr - lr;
        boolean ok1 = Math.abs(d1) <= ONE_SHOT_WITHIN_PERCENT;
        boolean ok2 = Math.abs(d2) <= ROTATING_WITHIN_POINTS;
        missed += (ok1 ? 0 : 1) + (ok2 ? 0 : 1);
        out.append(String.format(Locale.ROOT, "  %s: one-shot : pooled %.1fx on the mock, %.1fx on Liberty (%+.0f%%, target within 20%%: %s); "
                + "rotating every 50 costs %+.0f%% over pooled on the mock, %+.0f%% on Liberty (%+.0f points, target within 20: %s)%n",
                g, mo, lo, d1, ok1 ? "ok" : "MISSED", mr, lr, d2, ok2 ? "ok" : "MISSED"));
        return missed;
    }

    private static double cpu(Map<String, RunSummary> side, String name, String where) {
        RunSummary s = side.get(name);
        if (s == null || s.serverCpuMicrosPerRequest() == null) {
            throw new IllegalArgumentException(where + ": no server CPU for the cell " + name + " (measure it with the server's CPU read)");
        }
        return s.serverCpuMicrosPerRequest();
    }

    private static double[] paired(double[] a, double[] b, BiFunction<Double, Double, Double> f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f.apply(a[i], b[i]);
        }
        return out;
    }

    /** The middle value, or the mean of the two middle ones; NaN for none. */
    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Cell name to summary, for every cell folder of {@code folder} that holds a summary. */
    private static Map<String, RunSummary> cells(Path folder) {
        Map<String, RunSummary> out = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path d : dirs.filter(d -> Files.isReadable(d.resolve(RunFolder.SUMMARY))).sorted().toList()) {
                out.put(d.getFileName().toString(), Results.summary(d));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(folder + " does not exist (give a calibration folder, or two matrix folders)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<Path> roundFolders(Path folder) {
        List<Path> rounds;
        try (Stream<Path> dirs = Files.list(folder)) {
            rounds = dirs.filter(d -> d.getFileName().toString().matches("round-\\d+"))
                    .sorted((a, b) -> Integer.compare(roundNumber(a), roundNumber(b))).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(folder + " does not exist (give a calibration folder, or two matrix folders)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no round-N folders (give a calibration folder, or two matrix folders)");
        }
        return rounds;
    }

    private static int roundNumber(Path p) {
        return Integer.parseInt(p.getFileName().toString().substring("round-".length()));
    }
}
