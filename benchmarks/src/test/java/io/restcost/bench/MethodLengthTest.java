package io.restcost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
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
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No method of the main code, in any module, runs past {@value #MAX_LINES} lines, signature to
 * closing brace: a longer one is split by phase. Measured on javac's own parse of the sources.
 */
class MethodLengthTest {

    static final int MAX_LINES = 60;

    @Test
    void noMethodRunsPastSixtyLines() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ResultsSchema.REPOSITORY)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                    && !f.toString().contains("/target/") && !f.getFileName().toString().equals("module-info.java")).toList();
        }
        assertThat(sources).as("the main sources of every module").hasSizeGreaterThan(150);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> tooLong = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                LineMap lines = unit.getLineMap();
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        if (method.getBody() != null) {
                            long first = lines.getLineNumber(positions.getStartPosition(unit, method));
                            long last = lines.getLineNumber(positions.getEndPosition(unit, method));
                            if (last - first + 1 > MAX_LINES) {
                                tooLong.add(ResultsSchema.REPOSITORY.relativize(Path.of(unit.getSourceFile().toUri())) + ":" + first + " "
                                        + method.getName() + " has " + (last - first + 1) + " lines");
                            }
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
        }
        assertThat(tooLong).as("methods over %d lines (split them by phase)", MAX_LINES).isEmpty();
    }
}
