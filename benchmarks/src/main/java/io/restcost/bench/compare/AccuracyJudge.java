package io.restcost.bench.compare;

import io.restcost.bench.results.RunSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Judges {@code accuracy-vs-ab-wrk.sh}'s measurements: does restcost cost nginx what hey costs
 * it, and does it load nginx as fast as wrk? The script runs the clients and reads nginx's bill;
 * this class does every median, ratio and target check, from its folder ({@link ServerBill}).
 *
 * <p>The targets (docs/scripts.md says why each is built so):
 * <ul>
 *   <li>paced side by side with hey, each against its own nginx: nginx's CPU per request under
 *       restcost one-shot and pooled within 15% of hey's (the median of the rounds' ratios);</li>
 *   <li>restcost's own server-CPU figure within 5% of the script's reading;</li>
 *   <li>flat out: one-shot on Conscrypt at least twice one-shot on the JDK's TLS, and pooled at
 *       least 0.5 of wrk's rate (wrk runs before, between and after the pooled runs, and each
 *       pooled run is judged against the mean of its two neighbours).</li>
 * </ul>
 */
public final class AccuracyJudge {

    static final List<String> ENGINES = List.of("apache", "okhttp");
    static final List<String> PROVIDERS = List.of("jdk", "conscrypt");
    static final double CPU_WITHIN_PERCENT = 15;
    static final double OWN_WITHIN_PERCENT = 5;
    static final double CONSCRYPT_AT_LEAST = 2;
    static final double WRK_AT_LEAST = 0.5;
    static final double RATE_KEPT = 0.9;
    private static final String ROW = "%-34s %8s %13s %12s %14s %9s  %s%n";

    private final ServerBill bill;
    private final int rounds;
    private final StringBuilder out = new StringBuilder();
    private int missed;

    private AccuracyJudge(ServerBill bill) {
        this.bill = bill;
        this.rounds = bill.rounds();
    }

    /** Judges a measurements folder: the table, and how many targets it missed. */
    public static CalibrationJudge.Verdict judge(ServerBill bill) {
        AccuracyJudge j = new AccuracyJudge(bill);
        j.roundLines();
        j.pacedTable();
        j.flatOutWarmups();
        j.shortOfRate();
        j.verdicts();
        return new CalibrationJudge.Verdict(j.out.toString(), j.missed);
    }

    private void roundLines() {
        for (int r = 1; r <= rounds; r++) {
            out.append(String.format(Locale.ROOT, "round %d: nginx us/request side by side: one-shot apache/jdk %.1f (hey %.1f), okhttp/conscrypt "
                    + "%.1f (hey %.1f); pooled apache %.1f (hey keep-alive %.1f); hey beside hey %.1f / %.1f, keep-alive %.1f / %.1f%n", r,
                    cpuOf("os-apache-jdk", r), cpuOf("hey-os-apache-jdk", r), cpuOf("os-okhttp-conscrypt", r), cpuOf("hey-os-okhttp-conscrypt", r),
                    cpuOf("ka-apache", r), cpuOf("hey-ka-apache", r), cpuOf("aa-os", r), cpuOf("hey-aa-os", r), cpuOf("aa-ka", r), cpuOf("hey-aa-ka", r)));
        }
    }

    private void pacedTable() {
        out.append('\n').append("medians over ").append(rounds)
                .append(" rounds; two nginx on core 0, the clients on core 1; each cell side by side with hey, each against its own nginx\n");
        out.append(String.format(Locale.ROOT, ROW, "client, paced evenly", "rate/s", "nginx us/req", "hey's rate", "hey's us/req", "ratio", "rounds"));
        row("hey beside hey, one-shot", "aa-os");
        row("hey beside hey, keep-alive", "aa-ka");
        for (String e : ENGINES) {
            for (String p : PROVIDERS) {
                row("restcost one-shot " + e + "/" + p, "os-" + e + "-" + p);
            }
            row("restcost pooled " + e, "ka-" + e);
        }
    }

    private void row(String label, String cell) {
        String hey = "hey-" + cell;
        double[] ratios = cpuRatios(cell);
        out.append(String.format(Locale.ROOT, ROW, label, f1(median(cell, this::rateOf)), f1(median(cell, this::cpuOf)),
                f1(median(hey, this::rateOf)), f1(median(hey, this::cpuOf)), f3(CalibrationJudge.median(ratios)), list(ratios)));
    }

    private void flatOutWarmups() {
        List<RunSummary> flat = new ArrayList<>();
        for (ServerBill.Row r : bill.rows()) {
            if (r.name().startsWith("max-")) {
                bill.run(r).ifPresent(flat::add);
            }
        }
        if (flat.isEmpty() || flat.stream().anyMatch(s -> s.warmup() == null || s.clientJit() == null || s.clientJit().shareOfWindow() == null)) {
            out.append("flat out: no warm-up or JIT figures in the runs' summaries\n");
            return;
        }
        DoubleRange w = DoubleRange.of(flat, s -> s.warmup().seconds());
        DoubleRange c = DoubleRange.of(flat, s -> s.warmup().clients());
        DoubleRange j = DoubleRange.of(flat, s -> s.clientJit().shareOfWindow() * 100);
        out.append(String.format(Locale.ROOT, "flat out, restcost warmed up for %.0f-%.0f s on %.0f-%.0f clients (--warmup %s); "
                + "its JIT compiled for %.1f-%.1f%% of the windows%n", w.min(), w.max(), c.min(), c.max(), flat.get(0).warmup().asked(),
                j.min(), j.max()));
    }

    private record DoubleRange(double min, double max) {
        static DoubleRange of(List<RunSummary> runs, ToDoubleFunction<RunSummary> f) {
            return new DoubleRange(runs.stream().mapToDouble(f).min().orElse(0), runs.stream().mapToDouble(f).max().orElse(0));
        }
    }

    private void shortOfRate() {
        List<String> shortOf = new ArrayList<>();
        for (ServerBill.Row r : bill.rows()) {
            if (r.asked() != null && bill.rate(r) < RATE_KEPT * r.asked()) {
                shortOf.add(String.format(Locale.ROOT, "%s (round %d: %.1f/s of %s)", r.name(), r.round(), bill.rate(r),
                        f0(r.asked())));
            }
        }
        out.append(shortOf.isEmpty() ? "every paced client, restcost and hey, kept within 10% of its asked rate\n"
                : "fell more than 10% short of the asked rate (bunched requests cost nginx less each; judge these cells with care): "
                        + String.join(" ", shortOf) + "\n");
        out.append('\n');
    }

    private void verdicts() {
        for (String e : ENGINES) {
            for (String p : PROVIDERS) {
                String n = "os-" + e + "-" + p;
                out.append("one-shot ").append(e).append('/').append(p).append(": nginx's CPU per request ").append(judgedRatio(n))
                        .append(" against hey -disable-keepalive's (median of the rounds' ratios; target within 15%); restcost's own figure ")
                        .append(ownFigure(n)).append(" against this script's (target within 5%)\n");
            }
            String k = "ka-" + e;
            out.append("pooled ").append(e).append(": nginx's CPU per request ").append(judgedRatio(k))
                    .append(" against keep-alive hey's (target within 15%); restcost's own figure ").append(ownFigure(k))
                    .append(" (target within 5%)\n");
            loadGenerator(e);
        }
        out.append(missed == 0 ? "every target met\n" : missed + " target(s) missed\n");
    }

    private void loadGenerator(String e) {
        double conscrypt = median("max-os-" + e + "-conscrypt", this::rateOf);
        double jdk = median("max-os-" + e + "-jdk", this::rateOf);
        double x = conscrypt / jdk;
        WrkRatios jdkRatios = wrkRatios(e, "jdk");
        WrkRatios conscryptRatios = wrkRatios(e, "conscrypt");
        double f = CalibrationJudge.median(jdkRatios.ratios());
        boolean ok = x >= CONSCRYPT_AT_LEAST && f >= WRK_AT_LEAST;
        missed += (x >= CONSCRYPT_AT_LEAST ? 0 : 1) + (f >= WRK_AT_LEAST ? 0 : 1);
        out.append(String.format(Locale.ROOT, "load generator %s: one-shot Conscrypt %.1f/s against JDK %.1f/s = %.2fx (target >= 2); "
                + "pooled %.1f/s against wrk's %.1f/s, median ratio %.3f (rounds: %s; target >= 0.5); on Conscrypt %.1f/s against wrk's "
                + "%.1f/s, median ratio %.3f (rounds: %s)%s%n", e, conscrypt, jdk, x, median("max-ka-" + e + "-jdk", this::rateOf),
                CalibrationJudge.median(jdkRatios.wrk()), f, list(jdkRatios.ratios()), median("max-ka-" + e + "-conscrypt", this::rateOf),
                CalibrationJudge.median(conscryptRatios.wrk()), CalibrationJudge.median(conscryptRatios.ratios()),
                list(conscryptRatios.ratios()), ok ? "" : " MISSED"));
    }

    /** Per round: wrk's rate next to the pooled run (the mean of the runs before and after it), and pooled's rate over it. */
    private record WrkRatios(double[] wrk, double[] ratios) {
    }

    private WrkRatios wrkRatios(String engine, String provider) {
        double[] wrk = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 1; r <= rounds; r++) {
            String before = "jdk".equals(provider) ? "wrk-" + engine : "wrk-" + engine + "-after-jdk";
            double near = (rateOf(before, r) + rateOf("wrk-" + engine + "-after-" + provider, r)) / 2;
            wrk[r - 1] = near;
            ratios[r - 1] = rateOf("max-ka-" + engine + "-" + provider, r) / near;
        }
        return new WrkRatios(wrk, ratios);
    }

    private String judgedRatio(String cell) {
        double d = (CalibrationJudge.median(cpuRatios(cell)) - 1) * 100;
        return percent(d, CPU_WITHIN_PERCENT);
    }

    private String ownFigure(String cell) {
        double[] own = IntStream.rangeClosed(1, rounds).mapToDouble(r -> ownCpu(cell, r)).toArray();
        double script = median(cell, this::cpuOf);
        return percent((CalibrationJudge.median(own) - script) / script * 100, OWN_WITHIN_PERCENT);
    }

    private String percent(double d, double within) {
        boolean ok = Math.abs(d) <= within;
        missed += ok ? 0 : 1;
        return String.format(Locale.ROOT, "%+.1f%%", d) + (ok ? "" : " MISSED");
    }

    private double ownCpu(String cell, int round) {
        ServerBill.Row r = bill.row(cell, round);
        Double own = bill.run(r).map(RunSummary::serverCpuMicrosPerRequest).orElse(null);
        if (own == null) {
            throw new IllegalArgumentException(r.client() + ": no server-CPU figure (accuracy-vs-ab-wrk.sh runs restcost reading nginx's CPU; was this folder written by it?)");
        }
        return own;
    }

    private double[] cpuRatios(String cell) {
        return IntStream.rangeClosed(1, rounds).mapToDouble(r -> cpuOf(cell, r) / cpuOf("hey-" + cell, r)).toArray();
    }

    private interface PerRound {
        double of(String name, int round);
    }

    private double median(String name, PerRound f) {
        return CalibrationJudge.median(IntStream.rangeClosed(1, rounds).mapToDouble(r -> f.of(name, r)).toArray());
    }

    private double cpuOf(String name, int round) {
        return bill.microsPerRequest(bill.row(name, round));
    }

    private double rateOf(String name, int round) {
        return bill.rate(bill.row(name, round));
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String list(double[] v) {
        return Arrays.stream(v).mapToObj(AccuracyJudge::f3).collect(Collectors.joining(" "));
    }
}
