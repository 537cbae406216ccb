package io.restcost.bench.cli;

import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.load.Warmup;
import io.restcost.bench.run.PolicyRates;
import io.restcost.cli.DurationConverter;
import io.restcost.bench.results.RunFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options that {@code run}, {@code matrix}, {@code suite} and {@code balance} share, each
 * declared once, with one grammar and one converter; a command takes them as mixins, and its
 * own defaults come from {@link Defaults}, so that {@code --help} shows each command's.
 */
final class SharedOptions {

    private SharedOptions() {
    }

    /** {@code --engine} and {@code --auth}: what sends the requests, and how it authenticates. A list where a command sweeps. */
    static final class Strategy {

        @Option(names = "--engine", split = ",", paramLabel = "ENGINE", converter = EngineName.class,
                description = "apache or okhttp (restcost's client), or apache-dropin or okhttp-dropin (a stock client with "
                        + "restcost's drop-in rotation); several, comma-separated, where the command sweeps (default ${DEFAULT-VALUE}).")
        List<String> engines;

        @Option(names = "--auth", split = ",", paramLabel = "AUTH", converter = AuthName.class,
                description = "none, basic, ltpa or cert; several, comma-separated, where the command sweeps (default ${DEFAULT-VALUE}).")
        List<String> auths;

        /** The one engine of a command that measures one. */
        String engine(String command) {
            return one("--engine", engines, command);
        }

        /** The one auth mode of a command that measures one. */
        String auth(String command) {
            return one("--auth", auths, command);
        }

        private static String one(String option, List<String> values, String command) {
            if (values.size() != 1) {
                throw new IllegalArgumentException(option + " " + String.join(",", values) + ": " + command + " measures one; give one, "
                        + "or sweep several with restcost matrix");
            }
            return values.get(0);
        }
    }

    /** {@code --rate}: how fast, for each policy. */
    static final class Rate {

        @Option(names = "--rate", paramLabel = "RATE", converter = Rates.class,
                description = "Open model: start this many requests per second whatever the server does; one number, or one per "
                        + "policy (one-shot cannot keep pooled's rate), e.g. one-shot=60,rotating=500,pooled=500 (a policy's short "
                        + "name, rotating-50=N, beats its kind); closed: the closed model, each thread sending as soon as its "
                        + "previous request ends (default ${DEFAULT-VALUE}).")
        PolicyRates rates;

        /** --rate, or the closed model when it is not given. */
        PolicyRates rates() {
            return rates == null ? PolicyRates.closed() : rates;
        }
    }

    /** {@code --rate}, {@code -c} and {@code -d}: how fast, on how many threads, and how long. */
    static final class Pace {

        @picocli.CommandLine.Mixin
        Rate rate;

        @Option(names = {"-c", "--concurrency"}, paramLabel = "N",
                description = "Threads, each with its own session (default ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Measure this long, e.g. 30s (default ${DEFAULT-VALUE}; where the command takes --requests, "
                        + "until that many are done).")
        Duration duration;

        /** --rate, or the closed model when it is not given. */
        PolicyRates rates() {
            return rate.rates();
        }
    }

    /** {@code --warmup}: the one grammar of every command that warms up. */
    static final class WarmupOption {

        @Option(names = "--warmup", converter = WarmupName.class, paramLabel = "auto|auto:MAX|DURATION",
                description = "Warm-up on throw-away clients before measuring: auto warms up until this JVM's JIT "
                        + "compiler has settled (under 5%% of the last 2 s spent compiling), then on new clients until moving "
                        + "to a new one no longer sets it compiling, 5 s at least and 60 s at most (auto:120s for another "
                        + "longest); or a fixed length on one client such as 10s, 0s for none. A window that opens while the "
                        + "JIT compiles counts its CPU as the client's and, flat out, caps the client's rate; summary.json's "
                        + "clientJit says how much it compiled in the window (default ${DEFAULT-VALUE}).")
        Warmup warmup;
    }

    /** {@code --out}, {@code -q} and {@code --debug-log}: where results go, and what is said on the way. */
    static final class Output {

        @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default results/<UTC time>-<label>).")
        Path out;

        @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
        boolean quiet;

        @Option(names = "--debug-log", description = "Write debug.log into the results folder: sessions opening and retiring, "
                + "handshakes, logins and failures, and the HTTP engine's own debug lines; never a password, token or header "
                + "(the engines' header, cookie and wire loggers stay off).")
        boolean debugLog;

        /** The results folder: --out, or results/<UTC yyyyMMdd-HHmmss>-<label> under the working folder. */
        Path dir(String label) {
            return out != null ? out : RunFolder.newRunDir(Path.of("results"), Instant.now(), label);
        }

        /** The debug log of the run in {@code dir} when --debug-log was given, else null (try-with-resources skips it). */
        Logging debugLog(Path dir) {
            return debugLog ? Logging.debugTo(dir.resolve(DEBUG_LOG)) : null;
        }

        /** Where progress lines go: stderr, or nowhere with -q. */
        PrintStream progress() {
            return quiet ? null : System.err;
        }
    }

    static final String DEBUG_LOG = "debug.log";

    /** {@code --rate closed}: the closed model, each thread sending as soon as its previous request ends. */
    static final String CLOSED = "closed";

    /** Each command's defaults of the shared options, by command and option name. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {

        private static final Map<String, Map<String, String>> BY_COMMAND = Map.of(
                "run", Map.of("--engine", "apache", "--auth", "none", "--warmup", "auto", "--rate", CLOSED, "--duration", "30s",
                        "--concurrency", "4"),
                "matrix", Map.of("--engine", "apache,okhttp", "--auth", "basic,ltpa", "--warmup", "auto", "--rate", CLOSED,
                        "--duration", "30s", "--concurrency", "4"),
                "suite", Map.of("--engine", "apache,okhttp", "--auth", "basic,ltpa", "--warmup", "2s", "--rate", CLOSED,
                        "--duration", "8s", "--concurrency", "4"),
                "advise", Map.of("--engine", "apache", "--auth", "basic", "--rate", "one-shot=5,rotating=50,pooled=50"),
                "balance", Map.of("--engine", "apache", "--auth", "ltpa", "--rate", "100", "--duration", "60s", "--concurrency", "8"));

        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option) || arg.command() == null) {
                return null;
            }
            Map<String, String> defaults = BY_COMMAND.get(arg.command().name());
            return defaults == null ? null : defaults.get(option.longestName());
        }
    }

    /** An engine by any of its names, as its one name ({@code apache-adapted} becomes {@code apache-dropin}). */
    static final class EngineName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return converted(v -> EngineChoice.parse(v).tag(), value);
        }
    }

    /** none, basic, ltpa or cert, in lower case. */
    static final class AuthName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!List.of("none", "basic", "ltpa", "cert").contains(v)) {
                throw new CommandLine.TypeConversionException("unknown --auth " + value + " (use none, basic, ltpa or cert)");
            }
            return v;
        }
    }

    static final class Rates implements CommandLine.ITypeConverter<PolicyRates> {
        @Override
        public PolicyRates convert(String value) {
            return converted(v -> v.strip().equalsIgnoreCase(CLOSED) ? PolicyRates.closed() : PolicyRates.parse(v), value);
        }
    }

    static final class WarmupName implements CommandLine.ITypeConverter<Warmup> {
        @Override
        public Warmup convert(String value) {
            return converted(Warmup::parse, value);
        }
    }

    /** {@code parse(value)}, its one-line refusal handed to picocli, which names the option and the command's --help. */
    private static <T> T converted(java.util.function.Function<String, T> parse, String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(ErrorWords.message(e));
        }
    }
}
