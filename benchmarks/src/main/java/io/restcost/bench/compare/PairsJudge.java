package io.restcost.bench.compare;

import java.util.Arrays;
import java.util.Locale;

/**
 * Reports {@code oneshot-pairs-vs-hey.sh}'s adjacent pairs: in each round, hey one-shot and then
 * restcost one-shot against the same nginx, rows {@code hey} and {@code restcost} of its
 * {@link ServerBill}. Adjacent runs cancel the machine's slow drift; each pair's ratio of nginx's
 * CPU per request, and its wake-ups per request, are printed, then the ratios' spread. Nothing is
 * judged: it is how a difference is investigated, not a target.
 */
public final class PairsJudge {

    private PairsJudge() {
    }

    /** The pairs' lines and the ratios' min, median and max; never a missed target. */
    public static CalibrationJudge.Verdict judge(ServerBill bill) {
        StringBuilder out = new StringBuilder();
        int n = bill.rounds();
        double[] ratios = new double[n];
        for (int i = 1; i <= n; i++) {
            ServerBill.Row hey = bill.row("hey", i);
            ServerBill.Row restcost = bill.row("restcost", i);
            double h = bill.microsPerRequest(hey);
            double r = bill.microsPerRequest(restcost);
            ratios[i - 1] = r / h;
            out.append(String.format(Locale.ROOT, "pair %d: nginx wake-ups/request hey %.2f, restcost %.2f; nginx us/request hey %.0f, "
                    + "restcost %.0f, ratio %.3f%n", i, wakeups(hey), wakeups(restcost), h, r, ratios[i - 1]));
        }
        out.append(String.format(Locale.ROOT, "ratio restcost / hey over %d pairs: min %.3f median %.3f max %.3f%n", n,
                Arrays.stream(ratios).min().orElse(0), CalibrationJudge.median(ratios), Arrays.stream(ratios).max().orElse(0)));
        return new CalibrationJudge.Verdict(out.toString(), 0);
    }

    private static double wakeups(ServerBill.Row r) {
        return r.wakeups() == null ? Double.NaN : (double) r.wakeups() / r.served();
    }
}
