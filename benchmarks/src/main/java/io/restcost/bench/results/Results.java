package io.restcost.bench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one reader of restcost's results: {@code summary.json}, {@code index.json},
 * {@code balance.json} and {@code jmh.json} come back as the records that wrote them. Every
 * consumer reads through here, so a renamed field breaks the build, not a report at run time.
 *
 * <p>Files carry a {@code formatVersion} ({@link RunFolder#FORMAT_VERSION}); one written
 * before it was recorded is version 1. This restcost reads versions 1 to
 * {@link RunFolder#FORMAT_VERSION} and refuses a newer one in one line that names it. Their
 * JSON Schemas are in {@code docs/schema/}.
 */
public final class Results {

    /** Lenient on fields it does not know, so that a folder of an older restcost still reads. */
    private static final ObjectMapper READER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Results() {
    }

    /**
     * {@code dir/summary.json}.
     *
     * @throws IllegalArgumentException one line naming the folder when it holds no run, cannot be parsed or is too new
     */
    public static RunSummary summary(Path dir) {
        return read(dir, RunFolder.SUMMARY, RunSummary.class);
    }

    /** {@code dir/index.json} of a matrix; same errors as {@link #summary}. */
    public static MatrixIndex index(Path dir) {
        return read(dir, RunFolder.INDEX, MatrixIndex.class);
    }

    /**
     * Whether the run in {@code dir} (or a matrix's first cell) counted on restcost's mock, from
     * the mock's own stats: its address changes from start to start, the server does not.
     */
    public static boolean mockStats(Path dir) {
        Path run = dir;
        if (RunFolder.isMatrix(dir)) {
            List<MatrixIndex.Cell> cells = index(dir).cells();
            if (cells.isEmpty()) {
                return false;
            }
            run = dir.resolve(cells.get(0).dir());
        }
        return Files.isReadable(run.resolve(RunFolder.SUMMARY)) && summary(run).server() != null;
    }

    /**
     * {@code dir/name} as {@code type}: the file's format version checked first.
     *
     * @throws IllegalArgumentException one line naming the file when it is missing, not valid JSON, of a newer
     *     format or not of this kind
     */
    public static <T> T read(Path dir, String name, Class<T> type) {
        Path file = dir.resolve(name);
        JsonNode tree = tree(dir, name);
        int version = tree.path("formatVersion").asInt(1);
        if (version > RunFolder.FORMAT_VERSION || version < 1) {
            throw new IllegalArgumentException(file + " is in results format " + version + "; this restcost reads formats 1 to "
                    + RunFolder.FORMAT_VERSION + " (read it with the restcost that wrote it, or a newer one)");
        }
        try {
            return READER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a valid " + name + " (" + e.getOriginalMessage() + ")");
        }
    }

    /**
     * The format version {@code dir/name} was written in, read or not; 1 when it records none.
     *
     * @throws IllegalArgumentException as {@link #read} does, for a missing or unparsable file
     */
    public static int formatVersion(Path dir, String name) {
        return tree(dir, name).path("formatVersion").asInt(1);
    }

    private static JsonNode tree(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(dir + " is not a restcost run or matrix folder (no readable " + RunFolder.SUMMARY
                    + " or " + RunFolder.INDEX + ")");
        }
        JsonNode tree;
        try {
            tree = READER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(file + " is not a restcost " + name + " (not a JSON object)");
        }
        return tree;
    }

    /** The JMH results a folder's {@code jmh.json} holds; empty when it has none. */
    public static List<JmhResult> jmh(Path file) {
        if (!Files.isReadable(file)) {
            return List.of();
        }
        try {
            return List.of(READER.readValue(file.toFile(), JmhResult[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JMH's JSON output (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
