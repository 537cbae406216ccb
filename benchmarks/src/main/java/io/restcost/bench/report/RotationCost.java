package io.restcost.bench.report;

import io.restcost.bench.results.RunSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cost per request (client CPU plus server CPU, microseconds) against rotation length N for
 * one engine and auth mode: one-shot is N = 1, {@code rotating:requests=N} is N, pooled is
 * the line to stay near. Answers the report's question with both sides of the trade: the
 * shortest rotation whose client and whose server CPU per request stay within 5% of pooled,
 * from a fit of each to {@code pooled + R / N} ({@link RotationFit}), and how soon that N lets
 * a newly added server get its share of the work at the run's request rate.
 *
 * @param points client + server cost per request by N (the chart's line)
 * @param pooled pooled's client + server cost per request, or null when the matrix has no pooled cell
 * @param clientOnly true when the server did not report its CPU, so costs are client CPU only
 * @param client client CPU per request of the rotating cells by N (N >= 2)
 * @param server server CPU per request of the rotating cells by N (N >= 2); empty without server CPU
 * @param pooledClient pooled's client CPU per request, or null
 * @param pooledServer pooled's server CPU per request, or null
 * @param rate pooled's requests per second, the rate a rotation length is turned into seconds at (0 if unknown)
 * @param sessions pooled's concurrency, or on HTTP/2 its connections: sessions that share that rate
 */
record RotationCost(Map<Integer, Double> points, Double pooled, boolean clientOnly, Map<Integer, Double> client,
        Map<Integer, Double> server, Double pooledClient, Double pooledServer, double rate, int sessions) {

    static RotationCost of(List<RunSummary> summaries) {
        Map<Integer, Double> points = new TreeMap<>();
        Map<Integer, Double> client = new TreeMap<>();
        Map<Integer, Double> server = new TreeMap<>();
        Double pooled = null;
        Double pooledClient = null;
        Double pooledServer = null;
        double rate = 0;
        int sessions = 0;
        boolean clientOnly = false;
        for (RunSummary s : summaries) {
            Double c = s.clientCpuMicrosPerRequest();
            if (c == null || s.policy() == null) {
                continue;
            }
            Double sv = s.serverCpuMicrosPerRequest();
            boolean noServer = sv == null;
            clientOnly |= noServer;
            double cost = c + (noServer ? 0 : sv);
            RunSummary.Policy policy = s.policy();
            if (policy.is(RunSummary.Policy.ONE_SHOT)) {
                points.put(1, cost);
            } else if (policy.is(RunSummary.Policy.POOLED)) {
                pooled = cost;
                pooledClient = c;
                pooledServer = sv;
                rate = s.throughputPerSecond();
                // On HTTP/2 the threads share pooled's connections: they are the sessions that share the rate.
                boolean h2 = s.tls() != null && "h2".equals(s.tls().applicationProtocol());
                sessions = h2 ? (int) Math.max(1, s.connectionsOpened()) : s.concurrency();
            } else if (policy.rotatesByRequestsOnly()) {
                int n = policy.maxRequests();
                points.put(n, cost);
                client.put(n, c);
                if (!noServer) {
                    server.put(n, sv);
                }
            }
        }
        return new RotationCost(points, pooled, clientOnly, client, server, pooledClient, pooledServer, rate, sessions);
    }

    /** The shortest N measured within {@link HtmlReport#WITHIN_POOLED} of pooled, or null. */
    Integer cheapestWithinPooled() {
        if (pooled == null) {
            return null;
        }
        for (Map.Entry<Integer, Double> e : points.entrySet()) {
            if (e.getValue() <= pooled * (1 + HtmlReport.WITHIN_POOLED)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The fit of client CPU against N, or null without pooled or a rotating cell. */
    RotationFit clientFit() {
        return pooledClient == null || client.isEmpty() ? null : RotationFit.of(client, pooledClient);
    }

    /** The fit of server CPU against N, or null without the server's CPU, pooled or a rotating cell. */
    RotationFit serverFit() {
        return pooledServer == null || server.isEmpty() || server.size() != client.size() ? null : RotationFit.of(server, pooledServer);
    }

    /**
     * Seconds a session lives at rotation length {@code n}: its N requests at its share of the
     * run's rate. Within about that long after a server is added every session has reconnected,
     * so the new server has its share. NaN when the rate is not known.
     */
    double sessionSeconds(long n) {
        return rate > 0 && sessions > 0 ? n * sessions / rate : Double.NaN;
    }

    /** One sentence for the report: a recommended N with both sides of the trade. */
    String verdict(String group) {
        String basis = clientOnly ? " (client CPU only: the server does not report its CPU)" : " (client + server CPU)";
        if (pooled == null) {
            return group + ": no pooled cell to compare with" + basis + ".";
        }
        StringBuilder sb = new StringBuilder(group).append(": ");
        RotationFit serverFit = serverFit();
        RotationFit clientFit = clientFit();
        long recommended = 0;
        if (serverFit != null) {
            sb.append(side(serverFit, "server")).append("; ");
            if (decided(serverFit)) {
                recommended = serverFit.smallestWithin(HtmlReport.WITHIN_POOLED);
            }
        } else {
            sb.append("server CPU not measured; ");
        }
        if (clientFit != null) {
            sb.append(side(clientFit, "client")).append("; ");
            if (decided(clientFit)) {
                recommended = Math.max(recommended, clientFit.smallestWithin(HtmlReport.WITHIN_POOLED));
            }
        } else {
            sb.append("no rotating cell to fit; ");
        }
        double seconds = sessionSeconds(recommended);
        if (recommended > 0 && !Double.isNaN(seconds)) {
            sb.append(String.format(Locale.ROOT, "at %,.0f requests/s over %d %s, N = %,d means a new server gets its share "
                    + "within about %s", rate, sessions, sessions == 1 ? "session" : "sessions", recommended, seconds(seconds)));
        } else if (recommended > 0) {
            sb.append("the run's request rate is not known, so neither is how soon that N rebalances");
        } else {
            sb.setLength(sb.length() - "; ".length()); // no N decided: the sides end the sentence's first part
        }
        Double oneShot = points.get(1);
        if (oneShot != null && pooled > 0) {
            sb.append(String.format(Locale.ROOT, "; one-shot costs %.1fx pooled", oneShot / pooled));
        }
        sb.append(advised(clientFit, serverFit));
        return sb.append(basis).append('.').toString();
    }

    /**
     * What the advised N costs over pooled, from the fits (client and server summed), with its
     * 95% interval: "no measurable difference" when the interval holds zero, never a saving or
     * an extra cost the noise could have made. Empty without a rotating cell measured at it or
     * around it.
     */
    static String advised(RotationFit clientFit, RotationFit serverFit) {
        Extra e = Extra.at(HtmlReport.ADVICE_REQUESTS, clientFit, serverFit);
        if (e == null) {
            return "";
        }
        int n = HtmlReport.ADVICE_REQUESTS;
        if (Double.isNaN(e.error())) {
            return String.format(Locale.ROOT, "; the advised N = %d costs %+.1f%% over pooled (one rotating cell: no interval)", n,
                    e.value() * 100);
        }
        double low = e.value() - 1.96 * e.error();
        double high = e.value() + 1.96 * e.error();
        if (low <= 0 && high >= 0) {
            return String.format(Locale.ROOT, "; the advised N = %d shows no measurable difference from pooled (95%% interval "
                    + "%+.1f%% to %+.1f%%)", n, low * 100, high * 100);
        }
        return String.format(Locale.ROOT, "; the advised N = %d costs %+.1f%% over pooled (95%% interval %+.1f%% to %+.1f%%)", n,
                e.value() * 100, low * 100, high * 100);
    }

    /**
     * Rotating every N's extra cost per request over pooled, as a share of pooled's, and one
     * standard error: (R_c + R_s) / N over (P_c + P_s), by the delta method with each fit's
     * covariance, the two sides independent. NaN error when a fit has none.
     */
    record Extra(double value, double error) {

        static Extra at(long n, RotationFit client, RotationFit server) {
            double a = 0;
            double b = 0;
            double varA = 0;
            double varB = 0;
            double cov = 0;
            boolean any = false;
            for (RotationFit f : new RotationFit[] {client, server}) {
                if (f == null) {
                    continue;
                }
                any = true;
                a += f.perSession() / n;
                b += f.pooled();
                varA += Math.pow(f.perSessionError() / n, 2);
                varB += Math.pow(f.pooledError(), 2);
                cov += f.covariance() / n;
            }
            if (!any || b <= 0) {
                return null;
            }
            double value = a / b;
            double var = (varA - 2 * value * cov + value * value * varB) / (b * b);
            return new Extra(value, Double.isNaN(var) ? Double.NaN : Math.sqrt(Math.max(0, var)));
        }
    }

    /** "N = 1,200 (± 300) keeps server CPU within 5% of pooled (fit 212.0 + 48,000 / N us; beyond the lengths measured, up to 500)". */
    private static String side(RotationFit fit, String side) {
        double within = HtmlReport.WITHIN_POOLED;
        StringBuilder sb = new StringBuilder();
        if (fit.perSession() <= 0) {
            sb.append(String.format(Locale.ROOT, "rotating adds no measurable %s CPU (fit %.1f %+.1f / N us)", side, fit.pooled(),
                    fit.perSession()));
            return sb.toString();
        }
        long n = fit.smallestWithin(within);
        if (!decided(fit)) {
            // An interval wider than the estimate is no finding: say so, and how much longer a run would decide it.
            double error = fit.smallestWithinError(within);
            long longer = (long) Math.ceil(Math.pow(error / (n / 2.0), 2));
            return String.format(Locale.ROOT, "the noise hides how many requests keep %s CPU within %.0f%% of pooled: the fit's "
                    + "N = %,d has an interval of ± %,.0f, wider than itself (fit %.1f + %,.0f / N us); a run about %dx as long "
                    + "would narrow it to half of N", side, within * 100, n, error, fit.pooled(), fit.perSession(), Math.max(2, longer));
        }
        sb.append(String.format(Locale.ROOT, "N = %,d", n));
        if (fit.hasError()) {
            sb.append(String.format(Locale.ROOT, " (± %,.0f)", fit.smallestWithinError(within)));
        }
        sb.append(String.format(Locale.ROOT, " keeps %s CPU within %.0f%% of pooled (fit %.1f + %,.0f / N us", side, within * 100,
                fit.pooled(), fit.perSession()));
        if (fit.beyondMeasured(within)) {
            sb.append(String.format(Locale.ROOT, "; beyond the lengths measured, up to %,d", fit.longestMeasured()));
        }
        if (!fit.hasError()) {
            sb.append("; one rotating cell, so no uncertainty");
        }
        return sb.append(')').toString();
    }

    /** Whether the fit decides N: no uncertainty to judge, or one standard error smaller than N itself. */
    private static boolean decided(RotationFit fit) {
        if (!fit.hasError() || fit.perSession() <= 0) {
            return true;
        }
        return fit.smallestWithinError(HtmlReport.WITHIN_POOLED) < fit.smallestWithin(HtmlReport.WITHIN_POOLED);
    }

    private static String seconds(double s) {
        if (s >= 120) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return s >= 10 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }
}
