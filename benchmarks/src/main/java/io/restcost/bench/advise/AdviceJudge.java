package io.restcost.bench.advise;

import io.restcost.bench.compare.CalibrationJudge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Turns {@code restcost advise}'s interleaved slices into its answer: each strategy's cost, one-shot
 * over pooled and each rotation's extra cost over pooled as paired ratios with bootstrap
 * intervals over the rounds, a server still warming up left out, and the recommended rotation:
 * the shortest length whose extra cost over pooled is at most the limit with 95% confidence,
 * every shorter one being over it.
 */
public final class AdviceJudge {

    /** A leading round whose CPU per request is this much over the later rounds' is the server still warming up. */
    static final double WARMUP_EXCESS = 1.15;
    /** Rounds kept at least, however the CPU falls. */
    static final int MIN_KEPT = 2;
    /** Counted rounds an answer needs at least: two rounds give a bootstrap interval of two values only. */
    static final int MIN_DECIDING = 3;
    /** A run this many times longer than the one so far is not worth suggesting. */
    static final double HOPELESS = 25;

    /** The figures per request of each strategy in each kept round. */
    private record Figures(List<Integer> rounds, Map<String, double[]> server, Map<String, double[]> client) {
    }

    private AdviceJudge() {
    }

    /**
     * @param slices every slice measured, round 0 (warm-up) included
     * @param idleReadings the server's CPU per second at idle (before the load, and after it), the lower its background; empty when not read
     * @param endedBy why the run stopped: time-limit, interrupted, or decided
     * @param roundSeconds how long one round took, for the time a decision would still need
     */
    public static Advice judge(Advice.Settings settings, List<Slice> slices, List<Double> idleReadings, String startedAt, double seconds,
            String endedBy, double roundSeconds) {
        Double idle = idleReadings == null ? null : idleReadings.stream().min(Double::compare).orElse(null);
        List<String> names = settings.strategies();
        Figures all = figures(names, slices);
        int leftOut = leadingWarmupRounds(all.server() != null ? all.server() : all.client(), all.rounds().size());
        int cutoff = leftOut == 0 ? 0 : all.rounds().get(leftOut - 1);
        List<Slice> counted = slices.stream().filter(x -> x.round() > cutoff).toList();
        boolean server = !all.rounds().isEmpty() && all.server() != null;
        String judgedOn = judgedOn(server, idle, counted);
        int n = (int) counted.stream().filter(x -> x.strategy().equals("pooled")).count();
        List<Advice.Strategy> strategies = new ArrayList<>();
        for (String s : names) {
            strategies.add(strategy(s, counted, server, idle));
        }
        Advice.Comparison oneShot = n == 0 ? null : new Advice.Comparison(server ? ratio(counted, "one-shot", Slice::serverPerRequest) : null,
                server && idle != null ? ratio(counted, "one-shot", x -> x.serverNetPerRequest(idle)) : null,
                ratio(counted, "one-shot", Slice::clientPerRequest));
        List<Advice.Rotation> rotations = new ArrayList<>();
        for (String s : names) {
            if (s.startsWith("rotating-") && n > 0) {
                Estimate onServer = server ? extra(counted, s, Slice::serverPerRequest) : null;
                Estimate net = server && idle != null ? extra(counted, s, x -> x.serverNetPerRequest(idle)) : null;
                Estimate onClient = extra(counted, s, Slice::clientPerRequest);
                rotations.add(new Advice.Rotation(Integer.parseInt(s.substring("rotating-".length())), onServer, net, onClient,
                        verdict(Advice.pick(judgedOn, onServer, net, onClient), settings.maxExtraPercent())));
            }
        }
        Advice.Recommendation rec = recommend(rotations, oneShot == null ? null : oneShot.judged(judgedOn), judgedOn,
                settings.maxExtraPercent(), n, roundSeconds);
        boolean partial = "interrupted".equals(endedBy) || !rec.decided();
        Advice a = new Advice(Advice.FORMAT_VERSION, settings, startedAt, seconds, endedBy, partial, idle,
                idleReadings == null ? List.of() : List.copyOf(idleReadings), judgedOn, n, leftOut,
                warmupNote(all, leftOut), strategies, oneShot, rotations, rec, List.of(), List.copyOf(slices));
        return a.withWords(AdviceWords.words(a));
    }

    /**
     * {@code kept}'s slices judged again by this restcost: what {@code restcost judge advice} prints.
     * How long a round took is the run's mean, for how much longer would decide it.
     */
    public static Advice again(Advice kept) {
        long rounds = kept.slices().stream().mapToInt(Slice::round).distinct().count();
        return judge(kept.settings(), kept.slices(), kept.readings(), kept.startedAt(), kept.seconds(), kept.endedBy(),
                rounds == 0 ? 0 : kept.seconds() / rounds);
    }

    /**
     * What the verdicts are judged on: the client without a server-CPU source; the server net of
     * its background when the load's own cost to pooled is more than the background's share;
     * else the server with it, since a background as large as the load swamps the net figures
     * with its own noise (a server just started, or a busy one, at gentle rates).
     */
    private static String judgedOn(boolean server, Double idle, List<Slice> counted) {
        if (!server) {
            return "client";
        }
        List<Slice> pooled = counted.stream().filter(x -> x.strategy().equals("pooled")).toList();
        double net = idle == null ? 0 : pooled.stream().mapToDouble(x -> x.serverNetPerRequest(idle)).sum();
        double gross = pooled.stream().mapToDouble(Slice::serverPerRequest).sum();
        return net > gross / 2 ? "server-net" : "server";
    }

    /** {@code name}'s figures and pooled's, in the rounds that measured both. */
    private static double[][] paired(List<Slice> counted, String name, ToDoubleFunction<Slice> f) {
        List<double[]> pairs = new ArrayList<>();
        for (Slice x : counted) {
            if (x.strategy().equals(name) && x.requests() > 0) {
                Slice pooled = find(counted, x.round(), "pooled");
                if (pooled != null && pooled.requests() > 0) {
                    pairs.add(new double[] {f.applyAsDouble(x), f.applyAsDouble(pooled)});
                }
            }
        }
        return new double[][] {pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /** Rounds 1 and on where every strategy has a slice; per strategy, its figure per request in each (to tell a warm-up). */
    private static Figures figures(List<String> names, List<Slice> slices) {
        TreeSet<Integer> rounds = new TreeSet<>();
        slices.stream().filter(s -> s.round() > 0).forEach(s -> rounds.add(s.round()));
        rounds.removeIf(r -> names.stream().anyMatch(n -> find(slices, r, n) == null || find(slices, r, n).requests() == 0));
        List<Integer> kept = List.copyOf(rounds);
        boolean server = !kept.isEmpty() && slices.stream().filter(s -> s.round() > 0).allMatch(s -> s.serverCpuMicros() != null);
        return new Figures(kept, server ? per(names, slices, kept, Slice::serverPerRequest) : null,
                per(names, slices, kept, Slice::clientPerRequest));
    }

    private static Map<String, double[]> per(List<String> names, List<Slice> slices, List<Integer> rounds, ToDoubleFunction<Slice> f) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, rounds.stream().mapToDouble(r -> f.applyAsDouble(find(slices, r, n))).toArray());
        }
        return out;
    }

    private static Slice find(List<Slice> slices, int round, String strategy) {
        return slices.stream().filter(s -> s.round() == round && s.strategy().equals(strategy)).findFirst().orElse(null);
    }

    /**
     * How many leading rounds to leave out: while the first kept round's level (the geometric mean
     * over strategies of its figure over the strategy's median) is {@link #WARMUP_EXCESS} over the
     * later rounds' median level, and more than {@link #MIN_KEPT} rounds would remain.
     */
    static int leadingWarmupRounds(Map<String, double[]> perRequest, int rounds) {
        double[] level = levels(perRequest, rounds);
        int left = 0;
        while (rounds - left > MIN_KEPT && level[left] > WARMUP_EXCESS * CalibrationJudge.median(Arrays.copyOfRange(level, left + 1, rounds))) {
            left++;
        }
        return left;
    }

    private static double[] levels(Map<String, double[]> perRequest, int rounds) {
        double[] level = new double[rounds];
        for (double[] v : perRequest.values()) {
            double m = CalibrationJudge.median(v);
            for (int k = 0; k < rounds; k++) {
                level[k] += v[k] > 0 && m > 0 ? Math.log(v[k] / m) / perRequest.size() : 0;
            }
        }
        for (int k = 0; k < rounds; k++) {
            level[k] = Math.exp(level[k]);
        }
        return level;
    }

    private static String warmupNote(Figures all, int leftOut) {
        Map<String, double[]> m = all.server() != null ? all.server() : all.client();
        String side = all.server() != null ? "server's" : "client's";
        int n = all.rounds().size();
        StringBuilder note = new StringBuilder();
        double[] level = n == 0 ? new double[0] : levels(m, n);
        if (leftOut > 0) {
            double later = CalibrationJudge.median(Arrays.copyOfRange(level, leftOut, n));
            note.append(String.format(java.util.Locale.ROOT, "the %s CPU per request was still falling: the first %d round%s cost %.0f%% more "
                    + "than the later ones and %s left out", side, leftOut, leftOut == 1 ? "" : "s", (level[0] / later - 1) * 100,
                    leftOut == 1 ? "is" : "are"));
        }
        int kept = n - leftOut;
        if (kept >= 4) {
            double first = CalibrationJudge.median(Arrays.copyOfRange(level, leftOut, leftOut + kept / 2));
            double last = CalibrationJudge.median(Arrays.copyOfRange(level, n - kept / 2, n));
            if (first > WARMUP_EXCESS * last) {
                note.append(note.length() > 0 ? "; " : "").append(String.format(java.util.Locale.ROOT, "it was still falling in the last "
                        + "rounds (the later half %.0f%% below the earlier): warm the server up first, then run advise again", (1 - last / first) * 100));
            }
        }
        return note.length() == 0 ? null : note.toString();
    }

    private static Advice.Strategy strategy(String name, List<Slice> counted, boolean server, Double idle) {
        List<Slice> mine = counted.stream().filter(x -> x.strategy().equals(name)).toList();
        long requests = mine.stream().mapToLong(Slice::requests).sum();
        double rate = mine.isEmpty() ? 0 : mine.get(0).rate();
        long errors = mine.stream().mapToLong(Slice::errors).sum();
        double secs = mine.stream().mapToDouble(Slice::seconds).sum();
        Double cpu = !server || requests == 0 ? null : round(mine.stream().mapToDouble(Slice::serverCpuMicros).sum() / requests);
        Double net = cpu == null || idle == null ? null : round(cpu - idle * secs / requests);
        double client = requests == 0 ? 0 : round(mine.stream().mapToDouble(Slice::clientCpuMicros).sum() / requests);
        double conns = requests == 0 ? 0 : round(mine.stream().mapToLong(Slice::connections).sum() * 1000.0 / requests);
        return new Advice.Strategy(name, rate, requests, errors, cpu, net, client, conns);
    }

    /** {@code name}'s cost over pooled's, paired by round, or null when no round measured both. */
    private static Estimate ratio(List<Slice> counted, String name, ToDoubleFunction<Slice> f) {
        double[][] p = paired(counted, name, f);
        return p[0].length == 0 ? null : Estimate.ratio(p[0], p[1]).map(AdviceJudge::round);
    }

    private static Estimate extra(List<Slice> counted, String name, ToDoubleFunction<Slice> f) {
        double[][] p = paired(counted, name, f);
        return p[0].length == 0 ? null : Estimate.ratio(p[0], p[1]).map(x -> round((x - 1) * 100));
    }

    static String verdict(Estimate extraPercent, double limit) {
        return extraPercent.high() <= limit ? "within" : extraPercent.low() > limit ? "over" : "undecided";
    }

    /**
     * The shortest length within the limit, every shorter one over it; decided when so, and when
     * one-shot's cost over pooled is told from 1. Else the best guess so far, and how much longer a
     * run would likely decide it: the interval narrows as one over the square root of the rounds.
     */
    static Advice.Recommendation recommend(List<Advice.Rotation> rotations, Estimate oneShot, String judgedOn, double limit, int rounds,
            double roundSeconds) {
        List<Advice.Rotation> byLength = rotations.stream().sorted((a, b) -> Integer.compare(a.requests(), b.requests())).toList();
        Advice.Rotation chosen = null;
        boolean decided = rounds >= MIN_DECIDING && oneShot != null && !oneShot.holds(1);
        double neededRounds = oneShot == null ? MIN_DECIDING : Math.max(MIN_DECIDING, oneShot.holds(1) ? roundsToTell(oneShot, 1, rounds) : rounds);
        for (Advice.Rotation r : byLength) {
            Estimate e = r.judged(judgedOn);
            if ("over".equals(r.verdict())) {
                continue;
            }
            if ("undecided".equals(r.verdict())) {
                decided = false;
                neededRounds = Math.max(neededRounds, roundsToTell(e, limit, rounds));
                continue;
            }
            chosen = r;
            break;
        }
        if (chosen == null) {
            decided = decided && byLength.stream().allMatch(r -> "over".equals(r.verdict()));
        }
        if (!decided) {
            // the best guess: the shortest length whose estimate is within the limit, told from it or not
            chosen = byLength.stream().filter(r -> !"over".equals(r.verdict()) && r.judged(judgedOn).value() <= limit)
                    .findFirst().orElse(chosen);
        }
        Double more = decided || Double.isInfinite(neededRounds) || neededRounds > HOPELESS * Math.max(1, rounds) ? null
                : Math.max(1, Math.ceil(neededRounds - rounds)) * roundSeconds;
        return new Advice.Recommendation(chosen == null ? null : chosen.requests(),
                chosen == null ? null : "rotating:requests=" + chosen.requests() + ",age=10m,jitter=0.2", decided, more);
    }

    /**
     * The strategies whose answer is in, which later rounds need not measure again: one-shot once
     * it is told from pooled, each length told over or within the limit, and every length longer
     * than the first within it. Pooled, the yardstick, is never settled.
     */
    public static java.util.Set<String> settled(Advice a) {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (a.rounds() < MIN_DECIDING) {
            return out;
        }
        Advice.Comparison c = a.oneShotOverPooled();
        Estimate os = c == null ? null : c.judged(a.judgedOn());
        if (os != null && !os.holds(1)) {
            out.add("one-shot");
        }
        boolean withinSeen = false;
        for (Advice.Rotation r : a.rotations().stream().sorted((x, y) -> Integer.compare(x.requests(), y.requests())).toList()) {
            if (withinSeen || !"undecided".equals(r.verdict())) {
                out.add("rotating-" + r.requests());
            }
            withinSeen |= "within".equals(r.verdict());
        }
        return out;
    }

    /** Rounds until {@code e}'s interval, narrowing as 1 / sqrt(rounds), no longer holds {@code x}; infinite when it sits on it. */
    private static double roundsToTell(Estimate e, double x, int rounds) {
        double distance = Math.abs(e.value() - x);
        return distance < 1e-9 ? Double.POSITIVE_INFINITY : rounds * Math.pow(e.halfWidth() / distance, 2);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
