package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README and docs/ promise short examples that compile: this compiles every one of them against the client. */
class ReadmeExampleTest {

    @Test
    void everyJavaExampleInTheReadmeCompiles(@TempDir Path out) throws Exception {
        StringBuilder all = new StringBuilder(Files.readString(Path.of("..", "README.md")));
        try (java.util.stream.Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            for (Path doc : docs.filter(d -> d.toString().endsWith(".md")).sorted().toList()) {
                all.append(Files.readString(doc));
            }
        }
        String readme = all.toString();
        List<JavaFileObject> sources = new ArrayList<>();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            String source = block.group(1);
            Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
            assertThat(name.find()).as("a README java block declares a public class:%n%s", source).isTrue();
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        // A name spread over servers, the two drop-in recipes, Spring over one of them, and restcost's own client.
        assertThat(sources).extracting(JavaFileObject::getName).containsExactlyInAnyOrder("/SpreadOverServers.java", "/RotatingHttpClient5.java",
                "/RotatingOkHttp.java", "/SpringOverRotatingHttpClient5.java", "/QueueManagerStatus.java");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            boolean ok = compiler.getTask(diagnostics, files, null,
                    List.of("-classpath", classpath, "-d", out.toString(), "-Xlint:all", "-Werror"), null, sources).call();
            assertThat(ok).as("README examples compile:%n%s", diagnostics).isTrue();
        }
        assertThat(out.resolve("QueueManagerStatus.class")).exists();
        assertThat(out.resolve("SpringOverRotatingHttpClient5.class")).exists();
        assertThat(out.resolve("SpreadOverServers.class")).exists();
    }
}
