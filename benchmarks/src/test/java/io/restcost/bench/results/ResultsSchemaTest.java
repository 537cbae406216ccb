package io.restcost.bench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed result holds to the published schema ({@code docs/schema/}) and reads back
 * through the one reader; the reader refuses a format it does not know, in one line.
 */
class ResultsSchemaTest {

    private static final Set<String> RESULT_FILES = Set.of(RunFolder.SUMMARY, RunFolder.INDEX, RunFolder.BALANCE, "server-cpu-check.json", RunFolder.ADVICE);

    private static List<Path> committed(String name) throws IOException {
        try (Stream<Path> files = Files.walk(ResultsSchema.REPOSITORY.resolve("results"))) {
            return files.filter(f -> f.getFileName().toString().equals(name)).sorted().toList();
        }
    }

    @Test
    void everyCommittedResultIsValidAgainstItsSchema() throws IOException {
        List<String> errors = new ArrayList<>();
        int files = 0;
        for (String name : RESULT_FILES) {
            for (Path f : committed(name)) {
                errors.addAll(ResultsSchema.errors(f));
                files++;
            }
        }
        assertThat(committed(RunFolder.SUMMARY)).as("the committed reference runs").hasSizeGreaterThan(100);
        assertThat(committed(RunFolder.INDEX)).isNotEmpty();
        assertThat(files).isGreaterThan(100);
        assertThat(errors).isEmpty();
    }

    @Test
    void everyCommittedRunReadsBackThroughTheReaderAndWritesAValidSummaryAgain(@TempDir Path tmp) throws IOException {
        for (Path f : committed(RunFolder.SUMMARY)) {
            RunSummary s = Results.summary(f.getParent());
            assertThat(s.policy().kind()).as(f.toString()).isIn("one-shot", "pooled", "rotating");
            assertThat(s.latencyMicros().corrected().count()).as(f.toString()).isPositive();
            Path again = Files.createDirectories(tmp.resolve(Integer.toString(f.hashCode())));
            RunFolder.writeJson(again.resolve(RunFolder.SUMMARY), s);
            ResultsSchema.assertValid(again.resolve(RunFolder.SUMMARY));
            assertThat(Results.summary(again)).as("a second round trip changes nothing").usingRecursiveComparison().isEqualTo(s);
        }
        for (Path f : committed(RunFolder.INDEX)) {
            MatrixIndex index = Results.index(f.getParent());
            assertThat(index.cells()).isNotEmpty().allSatisfy(c -> assertThat(f.getParent().resolve(c.dir()).resolve(RunFolder.SUMMARY)).exists());
        }
    }

    @Test
    void theSchemaIsNotVacuous(@TempDir Path tmp) throws IOException {
        Path some = committed(RunFolder.SUMMARY).get(0);
        ObjectNode s = (ObjectNode) RunFolder.JSON.readTree(some.toFile());
        s.put("requests", "many");
        s.put("aFigureNobodyDeclared", 1);
        ((ObjectNode) s.get("policy")).put("kind", "sometimes");
        Path bad = tmp.resolve(RunFolder.SUMMARY);
        RunFolder.JSON.writeValue(bad.toFile(), s);
        assertThat(ResultsSchema.errors(bad)).hasSize(3).anySatisfy(e -> assertThat(e).contains("requests"))
                .anySatisfy(e -> assertThat(e).contains("aFigureNobodyDeclared")).anySatisfy(e -> assertThat(e).contains("kind"));
    }

    @Test
    void aNewerFormatIsRefusedInOneLineThatNamesIt(@TempDir Path tmp) throws IOException {
        ObjectNode s = (ObjectNode) RunFolder.JSON.readTree(committed(RunFolder.SUMMARY).get(0).toFile());
        s.put("formatVersion", RunFolder.FORMAT_VERSION + 1);
        RunFolder.JSON.writeValue(tmp.resolve(RunFolder.SUMMARY).toFile(), s);
        assertThatThrownBy(() -> Results.summary(tmp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(tmp.resolve(RunFolder.SUMMARY) + " is in results format " + (RunFolder.FORMAT_VERSION + 1)
                        + "; this restcost reads formats 1 to " + RunFolder.FORMAT_VERSION
                        + " (read it with the restcost that wrote it, or a newer one)");
    }

    @Test
    void aFileWithoutAVersionIsVersionOne(@TempDir Path tmp) throws IOException {
        ObjectNode s = (ObjectNode) RunFolder.JSON.readTree(committed(RunFolder.SUMMARY).get(0).toFile());
        s.remove("formatVersion");
        RunFolder.JSON.writeValue(tmp.resolve(RunFolder.SUMMARY).toFile(), s);
        assertThat(Results.formatVersion(tmp, RunFolder.SUMMARY)).isEqualTo(1);
        assertThat(Results.summary(tmp).formatVersion()).isEqualTo(RunFolder.FORMAT_VERSION);
    }
}
