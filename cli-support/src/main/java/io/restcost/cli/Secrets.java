package io.restcost.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Passwords from an environment variable, a file or the console: never from an argument,
 * so they stay out of shell history and {@code ps}. Messages name the source, never the
 * value. Shared by {@code restcost mock} and the benchmark commands.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * @param option the options' common prefix: {@code password} for {@code --password-env} and
     *        {@code --password-file}, {@code keystore-password} for {@code --keystore-password-env} ...
     * @param prompt console prompt when neither env nor file is given; null to ask nothing
     * @return the password, or null when none was given and there is no prompt
     * @throws IllegalArgumentException naming the variable or file when it cannot be read
     */
    public static char[] read(String option, String env, Path file, String prompt) {
        String what = option.replace('-', ' ');
        if (env != null && file != null) {
            throw new IllegalArgumentException("give the " + what + " once: --" + option + "-env or --" + option + "-file, not both");
        }
        if (env != null) {
            String v = System.getenv(env);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + env + " is not set (it should hold the " + what
                        + "; export it before running)");
            }
            return v.toCharArray();
        }
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(what + " file " + file + ": not found or not readable");
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException(what + " file " + file + ": " + e.getMessage());
            }
        }
        if (prompt == null) {
            return null;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no " + what + " given and no console to ask on: use --" + option
                    + "-env VAR or --" + option + "-file FILE");
        }
        char[] p = console.readPassword("%s", prompt);
        if (p == null) {
            throw new IllegalArgumentException("no " + what + " entered");
        }
        return p;
    }
}
