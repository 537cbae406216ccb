package io.restcost.bench.client;

import io.restcost.cli.DurationConverter;
import io.restcost.bench.results.RunSummary;
import io.restcost.client.session.SessionPolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * A session policy written on the command line: {@code one-shot}, {@code pooled} or
 * {@code rotating:requests=50,age=10m,jitter=0.2} (also {@code idle=25s}, {@code reauth=true}),
 * with the parameters it reports in {@code summary.json}. A rotation by requests and age alone
 * may also be written as its {@link #shortName()}, as folders, reports and {@code --rate} name it:
 * {@code rotating-50} is {@code rotating:requests=50}.
 */
public record PolicySpec(String text, SessionPolicy policy, RunSummary.Policy parameters) {

    private static final String EXAMPLE = "write one-shot, pooled, rotating-50 or rotating:requests=50,age=10m,jitter=0.2";

    /** {@link #shortName()}'s form of a rotating policy: {@code rotating-50}, {@code rotating-600s}, {@code rotating-50-600s}. */
    private static final java.util.regex.Pattern SHORT_NAME = java.util.regex.Pattern.compile("rotating(?:-(\\d+)(?!\\d*s))?(?:-(\\d+)s)?");

    /**
     * @throws IllegalArgumentException one line naming the policy text, what is wrong and the fix
     */
    public static PolicySpec parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("one-shot") || lower.equals("oneshot")) {
            return new PolicySpec(t, SessionPolicy.oneShot(), new RunSummary.Policy(RunSummary.Policy.ONE_SHOT, null, null, null, null, null));
        }
        if (lower.equals("pooled")) {
            return new PolicySpec(t, SessionPolicy.pooled(), new RunSummary.Policy(RunSummary.Policy.POOLED, null, null, null,
                    SessionPolicy.DEFAULT_IDLE_TIMEOUT.toMillis() / 1000.0, null));
        }
        java.util.regex.Matcher shortName = SHORT_NAME.matcher(lower);
        if (shortName.matches() && !lower.equals("rotating")) {
            // the short name folders, reports and --rate use: rotating-50, rotating-600s, rotating-50-600s
            StringBuilder full = new StringBuilder("rotating:");
            if (shortName.group(1) != null) {
                full.append("requests=").append(shortName.group(1));
            }
            if (shortName.group(2) != null) {
                full.append(shortName.group(1) != null ? "," : "").append("age=").append(shortName.group(2)).append('s');
            }
            PolicySpec p = parse(full.toString());
            return new PolicySpec(t, p.policy(), p.parameters());
        }
        if (!lower.equals("rotating") && !lower.startsWith("rotating:")) {
            throw new IllegalArgumentException("unknown policy '" + t + "' (" + EXAMPLE + ")");
        }
        SessionPolicy.Builder b = SessionPolicy.rotating();
        try {
            if (lower.startsWith("rotating:")) {
                for (String kv : t.substring("rotating:".length()).split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("'" + kv + "' is not key=value");
                    }
                    String key = kv.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = kv.substring(eq + 1).strip();
                    switch (key) {
                        case "requests" -> b.maxRequests(parseInt(key, value));
                        case "age" -> b.maxAge(parseDuration(key, value));
                        case "jitter" -> b.jitter(parseDouble(key, value));
                        case "idle" -> b.idleTimeout(parseDuration(key, value));
                        case "reauth" -> b.reauthenticate(Boolean.parseBoolean(value));
                        default -> throw new IllegalArgumentException("unknown parameter '" + key
                                + "' (use requests, age, jitter, idle, reauth)");
                    }
                }
            }
            SessionPolicy policy = b.build();
            return new PolicySpec(t, policy, new RunSummary.Policy(RunSummary.Policy.ROTATING,
                    policy.maxRequests() == Integer.MAX_VALUE ? null : policy.maxRequests(),
                    policy.maxAge() == null ? null : policy.maxAge().toMillis() / 1000.0, policy.jitter(),
                    policy.idleTimeout().toMillis() / 1000.0, policy.reauthenticate()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("policy '" + t + "': " + e.getMessage() + " (" + EXAMPLE + ")");
        }
    }

    /** A short name for folders and charts: one-shot, pooled, rotating-50, rotating-50-10m. */
    public String shortName() {
        if (!parameters.is(RunSummary.Policy.ROTATING)) {
            return parameters.kind();
        }
        StringBuilder sb = new StringBuilder("rotating");
        if (parameters.maxRequests() != null) {
            sb.append('-').append(parameters.maxRequests());
        }
        if (policy.maxAge() != null) {
            sb.append('-').append(policy.maxAge().toSeconds()).append('s');
        }
        return sb.toString();
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: " + value);
        }
    }

    private static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: " + value);
        }
    }

    private static Duration parseDuration(String key, String value) {
        try {
            return DurationConverter.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
