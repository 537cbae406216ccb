package io.restcost.bench.advise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code restcost advise}'s answer in plain words, the same lines on screen and in
 * {@code advice.json}. A difference whose interval holds zero is "no measurable difference",
 * never a finding; an estimate whose interval is wider than itself is given as its range only.
 */
public final class AdviceWords {

    private AdviceWords() {
    }

    /** The answer's lines. */
    public static List<String> words(Advice a) {
        List<String> out = new ArrayList<>();
        Advice.Settings s = a.settings();
        out.add("restcost advise: " + (s.serverName() == null ? "" : s.serverName() + " at ") + s.target() + s.path() + ", " + s.engine() + ", " + ("none".equals(s.auth()) ? "no" : s.auth()) + " auth"
                + (s.serverCpuSource() == null ? "; no server-CPU source (give --server-cpu to measure the server's side)"
                        : "; server CPU from " + s.serverCpuSource()));
        out.add(String.format(Locale.ROOT, "%d round%s of %s s slices interleaved (rates %s), %s; %s", a.rounds() + a.roundsLeftOut(),
                a.rounds() + a.roundsLeftOut() == 1 ? "" : "s", plain(s.sliceSeconds()), s.rates(), duration(a.seconds()), ended(a)));
        idle(a, out);
        if (a.warmupNote() != null) {
            out.add("note: " + a.warmupNote());
        }
        if (a.rounds() == 0) {
            out.add("nothing was measured in full rounds: no answer (run longer: --time-limit)");
            return out;
        }
        out.add("");
        costTable(a, out);
        out.add("");
        reuse(a, out);
        for (Advice.Rotation r : a.rotations()) {
            Estimate e = r.judged(a.judgedOn());
            out.add("  rotating every " + r.requests() + ": " + extra(e) + " over pooled on the " + side(a) + "; "
                    + limitWords(r.verdict(), s.maxExtraPercent()) + (e.high() < 0 ? " (no rotation costs less than pooled once "
                    + "warm: this is the readings' noise or the server's warm-up)" : ""));
        }
        resolution(a, out);
        recommendation(a, out);
        return out;
    }

    /** Says so when a slice's server CPU is only a few steps of its counter, which alone moves each slice's figure. */
    private static void resolution(Advice a, List<String> out) {
        Double step = a.settings().serverCpuResolutionMillis();
        if (step == null || step <= 0 || a.strategies().get(0).serverMicros() == null) {
            return;
        }
        Advice.Strategy cheapest = a.strategies().stream().min((x, y) -> Double.compare(x.serverMicros() * x.rate(),
                y.serverMicros() * y.rate())).orElseThrow();
        double sliceMillis = cheapest.serverMicros() * cheapest.rate() * a.settings().sliceSeconds() / 1000;
        double steps = sliceMillis / step;
        if (steps < 50) {
            out.add(String.format(Locale.ROOT, "  note: a slice of %s costs the server about %.0f ms of CPU, %.0f steps of its counter "
                    + "(%s ms): that alone moves each slice's figure by up to %.0f%%; a longer --slice or a higher --rate narrows it",
                    name(cheapest.name()), sliceMillis, steps, plain(step), 100 / Math.max(1, steps)));
        }
    }

    /** The idle readings, and whether costs are given net of the background. */
    private static void idle(Advice a, List<String> out) {
        List<Double> r = a.idleReadings();
        if (r == null || r.isEmpty()) {
            return;
        }
        String read = String.format(Locale.ROOT, "at idle the server used %.1f ms of CPU per second before the load", r.get(0) / 1000)
                + (r.size() > 1 ? String.format(Locale.ROOT, " and %.1f after it", r.get(1) / 1000) : "");
        out.add(read + ("server-net".equals(a.judgedOn())
                ? " (its background: timers, GC, other clients); costs are given net of the lower, and with it in brackets"
                : "; that background is as much as the load's own cost, so costs are given with it (no net figures)"));
    }

    private static String ended(Advice a) {
        return switch (a.endedBy()) {
            case "decided" -> "stopped when the answer was decided";
            case "interrupted" -> "STOPPED before the end (Ctrl-C): a partial answer from what was measured";
            default -> "stopped at the time limit";
        };
    }

    private static void costTable(Advice a, List<String> out) {
        boolean server = a.strategies().get(0).serverMicros() != null;
        boolean net = "server-net".equals(a.judgedOn());
        out.add("what one request costs, in microseconds of CPU" + (server ? "" : " (the client's only)") + ":");
        out.add(String.format(Locale.ROOT, "  %-20s %7s %17s %9s %17s", "strategy", "rate/s", server ? "server" : "", "client",
                "connections/1000"));
        for (Advice.Strategy st : a.strategies()) {
            String srv = !server ? "" : net ? String.format(Locale.ROOT, "%,.0f (%,.0f)", st.serverNetMicros(), st.serverMicros())
                    : String.format(Locale.ROOT, "%,.0f", st.serverMicros());
            out.add(String.format(Locale.ROOT, "  %-20s %7s %17s %,9.0f %17s%s", name(st.name()), plain(st.rate()), srv, st.clientMicros(),
                    String.format(Locale.ROOT, "%,.1f", st.connectionsPer1000()), st.errors() > 0 ? "   " + st.errors() + " errors" : ""));
        }
    }

    private static void reuse(Advice a, List<String> out) {
        Advice.Comparison c = a.oneShotOverPooled();
        Estimate judged = c.judged(a.judgedOn());
        String sides;
        if (c.server() != null) {
            boolean serverPays = !c.server().holds(1) && c.server().value() > 1;
            boolean clientPays = !c.client().holds(1) && c.client().value() > 1;
            sides = serverPays && clientPays ? "both pay" : serverPays ? "the server pays; the client's difference is not measurable"
                    : clientPays ? "the client pays; the server's difference is not measurable" : "neither side's difference is measurable";
            sides = "the client " + ratio(c.client()) + ": " + sides;
        } else {
            sides = "the server's side was not measured";
        }
        if (judged.holds(1)) {
            out.add("one-shot against pooled: " + ratio(judged) + " on the " + side(a) + "; " + sides);
        } else if (judged.value() > 1) {
            out.add("reuse connections: one-shot costs the " + side(a) + " " + ratio(judged) + " what pooled does, " + sides);
        } else {
            out.add("one-shot costs the " + side(a) + " less than pooled (" + ratio(judged) + "), which no steady state allows: "
                    + "the server's background outweighs the load; raise --rate");
        }
    }

    private static void recommendation(Advice a, List<String> out) {
        Advice.Recommendation r = a.recommendation();
        double limit = a.settings().maxExtraPercent();
        String head;
        if (r.requests() == null) {
            int longest = a.rotations().stream().mapToInt(Advice.Rotation::requests).max().orElse(0);
            head = a.rotations().isEmpty() ? "no rotation length was measured (give --lengths)"
                    : "no measured length is within " + plain(limit) + "% of pooled: rotate after more than " + longest
                            + " requests (measure longer ones with --lengths)";
        } else {
            head = "rotate every " + r.requests() + " requests, or 10 minutes, whichever comes first, with 20% jitter (" + r.policy()
                    + "): the shortest measured length " + (r.decided() ? "within " : "whose estimate is within ") + plain(limit)
                    + "% of pooled's cost";
        }
        out.add("");
        out.add((r.decided() ? "answer: " : "best guess so far, NOT decided: ") + head);
        if (!r.decided()) {
            out.add(r.moreSeconds() == null ? "  no run of reasonable length would decide it: a length sits at the limit; "
                    + "decide with --max-extra, or measure other --lengths"
                    : "  about " + duration(r.moreSeconds()) + " more would likely decide it (--time-limit)");
        }
        appRate(a, r, out);
    }

    private static void appRate(Advice a, Advice.Recommendation r, List<String> out) {
        Double rate = a.settings().appRate();
        if (r.requests() == null) {
            return;
        }
        if (rate == null) {
            out.add("  a new server gets its share once each client session has sent " + r.requests() + " requests (about "
                    + Math.round(r.requests() * 1.2) + " with jitter); give --app-rate for the minutes and the CPU saved");
            return;
        }
        double life = r.requests() / rate;
        out.add(String.format(Locale.ROOT, "  at your %s requests/s a session lives about %s (one session; with S sessions sharing the "
                + "rate, S times that)%s; a new server gets its share within about %s, pooled never gives it work, one-shot at once",
                plain(rate), duration(life), life > 600 ? ", so the 10-minute age ends it first" : "", duration(Math.min(600, life * 1.2))));
        Advice.Strategy oneShot = find(a, "one-shot");
        Advice.Strategy chosen = find(a, "rotating-" + r.requests());
        Double os = cost(a, oneShot);
        Double ch = cost(a, chosen);
        if (os != null && ch != null) {
            out.add(String.format(Locale.ROOT, "  against one-shot, it saves the server about %,.0f CPU-seconds per hour at that rate",
                    (os - ch) * rate * 3600 / 1e6));
        }
    }

    private static Double cost(Advice a, Advice.Strategy st) {
        return st == null ? null : "server-net".equals(a.judgedOn()) ? st.serverNetMicros() : st.serverMicros();
    }

    private static Advice.Strategy find(Advice a, String name) {
        return a.strategies().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static String limitWords(String verdict, double limit) {
        return switch (verdict) {
            case "within" -> "within the " + plain(limit) + "% limit";
            case "over" -> "over the " + plain(limit) + "% limit";
            default -> "not yet told from the " + plain(limit) + "% limit";
        };
    }

    private static String side(Advice a) {
        return switch (a.judgedOn()) {
            case "server-net" -> "server (net of its background)";
            case "server" -> "server";
            default -> "client";
        };
    }

    private static String name(String strategy) {
        return strategy.startsWith("rotating-") ? "rotating every " + strategy.substring("rotating-".length()) : strategy;
    }

    /** A ratio with its interval; "no measurable difference" when it holds 1; its range alone when wider than itself. */
    static String ratio(Estimate e) {
        if (e.holds(1)) {
            return "no measurable difference (95%: " + times(e.low()) + " to " + times(e.high()) + ")";
        }
        if (e.halfWidth() > e.value()) {
            return "between " + times(e.low()) + " and " + times(e.high());
        }
        return times(e.value()) + " (95%: " + times(e.low()) + " to " + times(e.high()) + ")";
    }

    /** An extra cost in percent with its interval; "no measurable difference" when it holds 0. */
    static String extra(Estimate e) {
        if (e.holds(0)) {
            return "no measurable difference (95%: " + pct(e.low()) + " to " + pct(e.high()) + ")";
        }
        if (e.halfWidth() > Math.abs(e.value())) {
            return "between " + pct(e.low()) + " and " + pct(e.high());
        }
        return pct(e.value()) + " (95%: " + pct(e.low()) + " to " + pct(e.high()) + ")";
    }

    private static String times(double x) {
        return String.format(Locale.ROOT, x >= 10 ? "%.0fx" : "%.1fx", x);
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, Math.abs(x) < 1 && x != 0 ? "%+.1f%%" : "%+.0f%%", x);
    }

    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
