package io.restcost.bench.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds the programs outside Maven that tests need, and decides what a test does without one:
 * skip with one line on a developer's machine, fail where {@code restcost.require} names it.
 */
public final class ExternalPrograms implements ExecutionCondition {

    /** The system property (a Maven {@code -D}) naming the programs whose absence must fail the build. */
    public static final String REQUIRE_PROPERTY = "restcost.require";

    private record Program(List<String> names, String install) {
    }

    private static final Map<String, Program> KNOWN = Map.of(
            "chromium", new Program(List.of("chromium", "chromium-browser"), "apt-get install chromium"),
            "haproxy", new Program(List.of("haproxy"), "apt-get install haproxy"),
            "nginx", new Program(List.of("nginx"), "apt-get install nginx-light"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresProgram> wanted = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresProgram.class));
        if (wanted.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no outside program");
        }
        for (String program : wanted.get().value()) {
            if (find(program).isEmpty()) {
                String line = context.getDisplayName() + " did not run: it needs " + program
                        + ", which is not on the PATH (install it: " + known(program).install() + ")";
                if (required().contains(program)) {
                    throw new IllegalStateException(line + "; -D" + REQUIRE_PROPERTY + "=" + program
                            + " says it must be there");
                }
                System.err.println("[restcost] " + line);
                return ConditionEvaluationResult.disabled(line);
            }
        }
        return ConditionEvaluationResult.enabled("found " + String.join(", ", wanted.get().value()));
    }

    /**
     * Where {@code program} is.
     *
     * @throws IllegalStateException if it is not on the PATH (a test marked {@link RequiresProgram} never gets here)
     */
    public static Path path(String program) {
        return find(program).orElseThrow(() -> new IllegalStateException(program + " is not on the PATH (install it: "
                + known(program).install() + ")"));
    }

    private static Optional<Path> find(String program) {
        for (String name : known(program).names()) {
            // Debian puts daemons such as haproxy in /usr/sbin, which a user's PATH may leave out.
            List<String> dirs = new java.util.ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
            dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
            for (String dir : dirs) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Program known(String program) {
        Program p = KNOWN.get(program);
        if (p == null) {
            throw new IllegalArgumentException("unknown program " + program + " (known: " + KNOWN.keySet() + ")");
        }
        return p;
    }

    private static Set<String> required() {
        return Arrays.stream(System.getProperty(REQUIRE_PROPERTY, "").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
