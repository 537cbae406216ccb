package io.restcost.bench.report;

import io.restcost.bench.results.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's settings in words for its report, from {@code summary.json}: its policy ("rotating:
 * 50 requests or 10 min, whichever first, 20% jitter, 25 s idle"), its errors by class and the
 * versions it ran with, where the raw JSON would otherwise be printed.
 */
final class RunWords {

    private static final Map<String, String> ERROR_NAMES = Map.of("connect", "could not connect", "tls", "TLS failed",
            "http4xx", "HTTP 4xx", "http5xx", "HTTP 5xx", "timeout", "timed out", "io", "I/O (reset, empty or malformed response)");
    private static final Map<String, String> VERSION_NAMES = Map.of("restcost", "restcost", "jvm", "JVM", "apache",
            "Apache HttpClient", "okhttp", "OkHttp", "conscrypt", "Conscrypt");

    private RunWords() {
    }

    /** "one-shot: ...", "pooled: ...", "rotating: 50 requests or 10 min, whichever first, no jitter, 25 s idle". */
    static String policy(RunSummary.Policy p) {
        String kind = p == null || p.kind() == null ? "" : p.kind();
        return switch (kind) {
            case "one-shot" -> "one-shot: a new connection, TLS handshake and login for every request";
            case "pooled" -> "pooled: connections kept" + idle(p);
            case "rotating" -> {
                List<String> limits = new ArrayList<>();
                if (p.maxRequests() != null) {
                    limits.add(String.format(Locale.ROOT, "%,d requests", p.maxRequests()));
                }
                if (p.maxAgeSeconds() != null) {
                    limits.add(duration(p.maxAgeSeconds()));
                }
                StringBuilder sb = new StringBuilder("rotating: ");
                sb.append(limits.isEmpty() ? "no request or age limit" : String.join(" or ", limits));
                if (limits.size() > 1) {
                    sb.append(", whichever first");
                }
                double jitter = p.jitter() == null ? 0 : p.jitter();
                sb.append(jitter > 0 ? String.format(Locale.ROOT, ", lifetimes randomised by up to %.0f%%", jitter * 100) : ", no jitter");
                sb.append(idle(p));
                if (Boolean.TRUE.equals(p.reauthenticate())) {
                    sb.append(", a fresh login for every session");
                }
                yield sb.toString();
            }
            default -> kind.isEmpty() ? "unknown" : kind;
        };
    }

    private static String idle(RunSummary.Policy p) {
        return p.idleTimeoutSeconds() != null ? ", closed after " + duration(p.idleTimeoutSeconds()) + " idle" : "";
    }

    /** "none", or "3 timed out, 1 could not connect" in the classes' order. */
    static String errors(Map<String, Long> errors) {
        List<String> parts = new ArrayList<>();
        if (errors != null) {
            errors.forEach((name, n) -> {
                if (n != null && n > 0) {
                    parts.add(String.format(Locale.ROOT, "%,d %s", n, ERROR_NAMES.getOrDefault(name, name)));
                }
            });
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** "restcost 0.1.0; Apache HttpClient httpclient5/5.6.5; JVM ...", in the summary's order. */
    static String versions(Map<String, String> versions) {
        List<String> parts = new ArrayList<>();
        if (versions != null) {
            versions.forEach((name, version) -> parts.add(VERSION_NAMES.getOrDefault(name, name) + " " + version));
        }
        return parts.isEmpty() ? "n/a" : String.join("; ", parts);
    }

    /** 0.5 -> "500 ms", 25 -> "25 s", 600 -> "10 min", 5400 -> "1.5 h". */
    static String duration(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        if (seconds < 120) {
            return trim(seconds) + " s";
        }
        if (seconds < 7200) {
            return trim(seconds / 60) + " min";
        }
        return trim(seconds / 3600) + " h";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
