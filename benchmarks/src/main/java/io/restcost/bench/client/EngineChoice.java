package io.restcost.bench.client;

import static io.restcost.bench.setting.Setting.ENGINE;

import io.restcost.bench.setting.SettingException;
import io.restcost.client.Engine;
import io.restcost.client.adapter.DropInRotation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What sends the requests: restcost's own client on one of its engines, or a stock client of
 * that engine with restcost's drop-in rotation ({@code -dropin}), so users can measure their
 * own stack's rotation against restcost's. The drop-in's earlier names, {@code apache-adapted}
 * and {@code okhttp-adapted}, are still accepted for one version.
 */
public enum EngineChoice {
    APACHE("apache", Engine.APACHE_HTTPCLIENT5, false),
    OKHTTP("okhttp", Engine.OKHTTP, false),
    APACHE_DROPIN(DropInRotation.APACHE_TAG, Engine.APACHE_HTTPCLIENT5, true),
    OKHTTP_DROPIN(DropInRotation.OKHTTP_TAG, Engine.OKHTTP, true);

    private final String tag;
    private final Engine engine;
    private final boolean stock;

    EngineChoice(String tag, Engine engine, boolean stock) {
        this.tag = tag;
        this.engine = engine;
        this.stock = stock;
    }

    /** As written on the command line and in reports: {@code apache}, {@code okhttp-dropin}... */
    public String tag() {
        return tag;
    }

    /** The HTTP library underneath. */
    public Engine engine() {
        return engine;
    }

    /** Whether this is a stock client with the drop-in rotation rather than restcost's own client. */
    public boolean stock() {
        return stock;
    }

    /** @throws IllegalArgumentException naming the choices when {@code name} is none of them */
    public static EngineChoice parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals(DropInRotation.LEGACY_APACHE_TAG)) {
            return APACHE_DROPIN;
        }
        if (n.equals(DropInRotation.LEGACY_OKHTTP_TAG)) {
            return OKHTTP_DROPIN;
        }
        for (EngineChoice e : values()) {
            if (e.tag.equals(n)) {
                return e;
            }
        }
        String all = Arrays.stream(values()).map(EngineChoice::tag).collect(Collectors.joining(", "));
        throw new SettingException(names -> "unknown " + names.apply(ENGINE) + " " + name + " (use " + all + ")");
    }
}
