package io.restcost.bench.setting;

import java.util.function.Function;

/**
 * A setting, or a combination of settings, that cannot work: one line that names its settings
 * through a namer, so that the harness says "the auth mode basic needs a user" and the command
 * line "--auth basic needs --user". {@link #getMessage()} is the plain one.
 */
public final class SettingException extends IllegalArgumentException {

    /** The line, given how to name each setting. */
    @FunctionalInterface
    public interface Line {
        String with(Function<Setting, String> names);
    }

    private final transient Line line;

    public SettingException(Line line) {
        super(line.with(Setting::plain));
        this.line = line;
    }

    /** The line with each setting named by {@code names}, e.g. as its option. */
    public String message(Function<Setting, String> names) {
        return line.with(names);
    }

    /** The same error with {@code tail} after it, e.g. where what was measured before it is. */
    public SettingException withTail(String tail) {
        return new SettingException(n -> line.with(n) + tail);
    }
}
