package io.restcost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.restcost.bench.results.ResultsSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Only the command line names its options: an error the harness throws names its settings
 * ({@code SettingException}) or its fix ({@code TargetProblem}), and the command line words
 * them. Checked on javac's parse: no string in a harness {@code throw} holds an option.
 */
class HarnessNamesNoOptionTest {

    private static final Pattern OPTION = Pattern.compile("(^|[ (])--[a-z]");

    @Test
    void noErrorTheHarnessThrowsNamesAnOption() throws IOException {
        Path bench = ResultsSchema.REPOSITORY.resolve("benchmarks/src/main/java/io/restcost/bench");
        List<Path> harness;
        try (Stream<Path> files = Files.walk(bench)) {
            harness = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(bench.resolve("cli"))).toList();
        }
        assertThat(harness).hasSizeGreaterThan(50);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> found = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, files.getJavaFileObjectsFromPaths(harness));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                new TreeScanner<Void, Boolean>() {
                    @Override
                    public Void visitThrow(ThrowTree t, Boolean inThrow) {
                        return super.visitThrow(t, true);
                    }

                    @Override
                    public Void visitLiteral(LiteralTree l, Boolean inThrow) {
                        if (Boolean.TRUE.equals(inThrow) && l.getValue() instanceof String s && OPTION.matcher(s).find()) {
                            found.add(bench.relativize(Path.of(unit.getSourceFile().toUri())) + ":"
                                    + unit.getLineMap().getLineNumber(positions.getStartPosition(unit, l)) + " " + s);
                        }
                        return null;
                    }
                }.scan(unit, false);
            }
        }
        assertThat(found).as("options named in errors the harness throws (name a Setting or a TargetProblem.Fix instead)").isEmpty();
    }
}
