package io.restcost.bench.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Passwords from an environment variable, a file or the console: never from an argument,
 * so they stay out of shell history and {@code ps}. Messages name the source, never the value.
 */
final class Secrets {

    private Secrets() {
    }

    /**
     * @param what what the password is for, as the options name it: "password", "keystore", "truststore"
     * @param prompt console prompt when neither env nor file is given; null to require one of them
     * @return the password, or null when none was given and none is required
     * @throws IllegalArgumentException naming the variable or file when it cannot be read
     */
    static char[] read(String what, String env, Path file, String prompt) {
        if (env != null && file != null) {
            throw new IllegalArgumentException("give the " + what + " password once: --" + what + "-env or --" + what + "-file, not both");
        }
        if (env != null) {
            String v = System.getenv(env);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + env + " is not set (it should hold the "
                        + what + " password; export it before running)");
            }
            return v.toCharArray();
        }
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(what + " password file " + file + ": not found or not readable");
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException(what + " password file " + file + ": " + e.getMessage());
            }
        }
        if (prompt == null) {
            return null;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no " + what + " given and no console to ask on: use --" + what
                    + "-env VAR or --" + what + "-file FILE");
        }
        char[] p = console.readPassword("%s", prompt);
        if (p == null) {
            throw new IllegalArgumentException("no " + what + " entered");
        }
        return p;
    }
}
