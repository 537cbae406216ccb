package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.testing.ApacheOnlyMain;
import io.restcost.client.testing.OkHttpOnlyMain;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engines are optional dependencies: an application that uses one runs with only that one
 * on its class path, restcost's client and the drop-in alike, and asking for the missing one
 * names the artifact to add. Each case runs in a JVM of its own whose class path lacks the
 * other engine's jars.
 */
class EnginesOnTheClassPathTest {

    /** This test's class path (surefire's, not its booter jar's), without the jars {@code without} names. */
    private static String classPathWithout(List<String> without) {
        String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(all.split(File.pathSeparator))
                .filter(entry -> without.stream().noneMatch(w -> Path.of(entry).getFileName().toString().startsWith(w)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String run(Class<?> main, List<String> without) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", classPathWithout(without), main.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void anOkHttpApplicationNeedsNoHttpClient5() throws Exception {
        String out = run(OkHttpOnlyMain.class, List.of("httpclient5-", "httpcore5-"));
        assertThat(out).contains("built okhttp/").contains("drop-in on OkHttpClient")
                .containsPattern("refused: Engine.APACHE_HTTPCLIENT5 needs Apache HttpClient 5 on the class path: add "
                        + "org.apache.httpcomponents.client5:httpclient5:\\d+\\.\\d+\\S* to the application's dependencies");
    }

    @Test
    void anHttpClient5ApplicationNeedsNoOkHttp() throws Exception {
        String out = run(ApacheOnlyMain.class, List.of("okhttp-", "okio-", "kotlin-stdlib-"));
        assertThat(out).contains("built httpclient5/").contains("drop-in on InternalHttpClient")
                .containsPattern("refused: Engine.OKHTTP needs OkHttp on the class path: add "
                        + "com.squareup.okhttp3:okhttp-jvm:\\d+\\.\\d+\\S* to the application's dependencies");
    }
}
