package io.restcost.bench.run;

import static io.restcost.bench.setting.Setting.RATE;

import io.restcost.bench.setting.SettingException;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.client.PolicySpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The open-model rate of each policy in a run or matrix, as {@code --rate} gives it: one number
 * for every policy ({@code 500}), or one per policy ({@code one-shot=60,rotating=500,pooled=500}).
 * A policy is looked up by its short name first ({@code rotating-50}), then by its kind
 * ({@code rotating}). One-shot costs a server ten times what a kept connection does, so a rate
 * that one-shot sustains leaves a kept connection's cost buried in the server's background work,
 * and a rate that pooled needs saturates one-shot: comparing costs at fixed rates needs both.
 * No {@code --rate} at all is the closed model (rate 0).
 */
public final class PolicyRates {

    private static final SettingException.Line EXAMPLE = n -> "write one number, e.g. " + n.apply(RATE) + " 500, or one per policy, e.g. "
            + n.apply(RATE) + " one-shot=60,rotating=500,pooled=500";

    private final String text;
    private final double every;
    private final Map<String, Double> byPolicy;

    private PolicyRates(String text, double every, Map<String, Double> byPolicy) {
        this.text = text;
        this.every = every;
        this.byPolicy = byPolicy;
    }

    /** The closed model: every thread sends as soon as its previous request ends. */
    public static PolicyRates closed() {
        return new PolicyRates(null, 0, Map.of());
    }

    /**
     * @param text null or blank for the closed model
     * @throws IllegalArgumentException one line naming {@code --rate}, the value and the fix
     */
    public static PolicyRates parse(String text) {
        if (text == null || text.isBlank()) {
            return closed();
        }
        String t = text.strip();
        if (!t.contains("=")) {
            return new PolicyRates(t, positive(t, t), Map.of());
        }
        Map<String, Double> byPolicy = new LinkedHashMap<>();
        for (String entry : t.split(",")) {
            int eq = entry.indexOf('=');
            if (eq < 1) {
                String bad = entry.strip();
                throw new SettingException(n -> n.apply(RATE) + " " + t + ": '" + bad + "' is not POLICY=RATE (" + EXAMPLE.with(n) + ")");
            }
            String policy = entry.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (byPolicy.put(policy, positive(t, entry.substring(eq + 1).strip())) != null) {
                String twice = policy;
                throw new SettingException(n -> n.apply(RATE) + " " + t + ": " + twice + " is given twice (" + EXAMPLE.with(n) + ")");
            }
        }
        return new PolicyRates(t, 0, Map.copyOf(byPolicy));
    }

    private static double positive(String whole, String number) {
        double r;
        try {
            r = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new SettingException(n -> n.apply(RATE) + " " + whole + ": '" + number + "' is not a number of requests per second ("
                    + EXAMPLE.with(n) + ")");
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new SettingException(n -> n.apply(RATE) + " " + whole + ": " + number + " must be above 0 requests per second ("
                    + EXAMPLE.with(n) + ")");
        }
        return r;
    }

    /**
     * The rate for {@code policy}, 0 for the closed model.
     *
     * @throws IllegalArgumentException when rates are given per policy and none covers this one
     */
    public double rateFor(PolicySpec policy) {
        if (text == null || byPolicy.isEmpty()) {
            return every;
        }
        Double r = byPolicy.get(policy.shortName());
        if (r == null) {
            r = byPolicy.get(policy.parameters().kind());
        }
        if (r == null) {
            throw new SettingException(n -> n.apply(RATE) + " " + text + ": no rate for the policy " + policy.shortName() + "; add "
                    + policy.parameters().kind() + "=N or " + policy.shortName() + "=N");
        }
        return r;
    }

    /** {@code plan} at this policy's rate. */
    public LoadPlan planFor(PolicySpec policy, LoadPlan plan) {
        return plan.withRate(rateFor(policy));
    }

    /** As given on the command line; "closed" for the closed model. */
    @Override
    public String toString() {
        return text == null ? "closed" : text;
    }
}
