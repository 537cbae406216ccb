package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README promises a short example that compiles: this compiles it against the client. */
class ReadmeExampleTest {

    @Test
    void theReadmeEmbeddingExampleCompiles(@TempDir Path out) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```java\n");
        assertThat(start).as("README.md has a ```java block").isNotNegative();
        String source = readme.substring(start + 8, readme.indexOf("```", start + 8));
        assertThat(source).contains("public class QueueManagerStatus").contains("SessionPolicy.rotating()");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///QueueManagerStatus.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            boolean ok = compiler.getTask(diagnostics, files, null,
                    List.of("-classpath", classpath, "-d", out.toString(), "-Xlint:all", "-Werror"), null, List.of(file)).call();
            assertThat(ok).as("README example compiles:%n%s", diagnostics).isTrue();
        }
        assertThat(out.resolve("QueueManagerStatus.class")).exists();
    }
}
