package io.restcost.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cost per request (client CPU plus server CPU, microseconds) against rotation length N for
 * one engine and auth mode: one-shot is N = 1, {@code rotating:requests=N} is N, pooled is
 * the line to stay near. Answers the report's question: the shortest rotation (most
 * re-balancing and re-authentication) whose cost is within 5% of pooled.
 *
 * @param points cost per request by N
 * @param pooled pooled's cost per request, or null when the matrix has no pooled cell
 * @param clientOnly true when the server did not report its CPU, so costs are client CPU only
 */
record RotationCost(Map<Integer, Double> points, Double pooled, boolean clientOnly) {

    static RotationCost of(List<JsonNode> summaries) {
        Map<Integer, Double> points = new TreeMap<>();
        Double pooled = null;
        boolean clientOnly = false;
        for (JsonNode s : summaries) {
            JsonNode client = s.get("clientCpuMicrosPerRequest");
            if (client == null || client.isNull()) {
                continue;
            }
            JsonNode server = s.get("serverCpuMicrosPerRequest");
            clientOnly |= server == null || server.isNull();
            double cost = client.asDouble() + (server == null || server.isNull() ? 0 : server.asDouble());
            JsonNode policy = s.path("policy");
            switch (policy.path("kind").asText()) {
                case "one-shot" -> points.put(1, cost);
                case "pooled" -> pooled = cost;
                case "rotating" -> {
                    if (policy.path("maxRequests").canConvertToInt() && policy.path("maxAgeSeconds").isNull()) {
                        points.put(policy.path("maxRequests").asInt(), cost);
                    }
                }
                default -> { }
            }
        }
        return new RotationCost(points, pooled, clientOnly);
    }

    /** The shortest N within {@link HtmlReport#WITHIN_POOLED} of pooled, or null. */
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

    /** One sentence for the report. */
    String verdict(String group) {
        String basis = clientOnly ? " (client CPU only: the server does not report its CPU)" : " (client + server CPU)";
        if (pooled == null) {
            return group + ": no pooled cell to compare with" + basis + ".";
        }
        StringBuilder sb = new StringBuilder(group).append(": ");
        Integer n = cheapestWithinPooled();
        if (n == null) {
            sb.append(String.format(Locale.ROOT, "no rotation length measured stays within %.0f%% of pooled (%.1f us/request)",
                    HtmlReport.WITHIN_POOLED * 100, pooled));
        } else {
            sb.append(String.format(Locale.ROOT, "the cheapest rotation length within %.0f%% of pooled is N = %d "
                    + "(%.1f us/request against pooled's %.1f)", HtmlReport.WITHIN_POOLED * 100, n, points.get(n), pooled));
        }
        Double oneShot = points.get(1);
        if (oneShot != null && pooled > 0) {
            sb.append(String.format(Locale.ROOT, "; one-shot costs %.1fx pooled", oneShot / pooled));
        }
        Double advice = points.get(HtmlReport.ADVICE_REQUESTS);
        if (advice != null && pooled > 0) {
            sb.append(String.format(Locale.ROOT, "; the advised N = %d costs %+.1f%%", HtmlReport.ADVICE_REQUESTS,
                    (advice / pooled - 1) * 100));
        }
        return sb.append(basis).append('.').toString();
    }
}
