package io.restcost.bench.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas of restcost's results ({@code docs/schema/}), for tests to hold
 * every file restcost writes, or has committed, to them.
 */
public final class ResultsSchema {

    /** The repository's root: the reactor's, one above the module the tests run in. */
    public static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    public static final Path SCHEMAS = REPOSITORY.resolve("docs/schema");

    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ResultsSchema() {
    }

    /** The schema for a results file by its name: summary.json, index.json, balance.json or server-cpu-check.json. */
    public static Schema forFile(String fileName) {
        String schema = fileName.replace(".json", ".schema.json");
        return LOADED.computeIfAbsent(schema, s -> {
            try (InputStream in = Files.newInputStream(SCHEMAS.resolve(s))) {
                return REGISTRY.getSchema(in, InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schema " + SCHEMAS.resolve(s), e);
            }
        });
    }

    /** The schema's complaints about {@code file}, each with where in the file; empty when it is valid. */
    public static List<String> errors(Path file) {
        try {
            List<Error> errors = forFile(file.getFileName().toString()).validate(Files.readString(file), InputFormat.JSON,
                    context -> context.executionConfig(c -> c.formatAssertionsEnabled(true)));
            return errors.stream().map(e -> file + ": " + e.getInstanceLocation() + " " + e.getMessage()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code file} is valid against the schema of its name. */
    public static void assertValid(Path file) {
        assertThat(errors(file)).as("%s against docs/schema", file).isEmpty();
    }
}
