package io.restcost.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockCommandTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MockMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    static void oneClearLine(Outcome o, String... mustContain) {
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).startsWith("restcost mock: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String s : mustContain) {
            assertThat(o.err()).contains(s);
        }
    }

    @Test
    void aPortInUseIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            oneClearLine(run("--port", String.valueOf(taken.getLocalPort()), "--state-dir", dir.toString(), "--password-iterations", "10"),
                    "port " + taken.getLocalPort(), "in use", "--port");
        }
    }

    @Test
    void badOptionsAreOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        oneClearLine(run("--cert-type", "dsa"), "dsa", "ec-p256 or rsa-2048");
        oneClearLine(run("--request-work", "-3"), "--request-work -3", "0 turns the work off");
        oneClearLine(run("--keystore", dir.resolve("missing.p12").toString()), "missing.p12");
        Path garbageStore = Files.write(dir.resolve("garbage.p12"), new byte[] {1, 2, 3});
        Path pw = Files.writeString(dir.resolve("pw"), "secret-pw");
        Outcome store = run("--keystore", garbageStore.toString(), "--keystore-password-file", pw.toString(), "--port", "0");
        oneClearLine(store, "garbage.p12");
        assertThat(store.err()).doesNotContain("secret-pw");
        Path users = Files.writeString(dir.resolve("users.json"), "{\"users\": [ {\"name\": \"a\" ");
        oneClearLine(run("--users", users.toString()), "users file", "not valid JSON");
        Path noArray = Files.writeString(dir.resolve("users2.json"), "{\"people\":[]}");
        oneClearLine(run("--users", noArray.toString()), "\"users\" array");
        Path badRole = Files.writeString(dir.resolve("users3.json"), "{\"users\":[{\"name\":\"a\",\"password\":\"p\",\"roles\":[\"Boss\"]}]}");
        oneClearLine(run("--users", badRole.toString(), "--port", "0", "--state-dir", dir.resolve("s").toString()), "unknown role Boss");
        oneClearLine(run("--idle-timeout", "5"), "not a duration");
        oneClearLine(run("--no-such-option"), "--no-such-option");
        // Jetty's own floor grows with the cores; 4 threads are below it on 2 cores and more.
        oneClearLine(run("--threads", "4", "--port", "0", "--state-dir", dir.resolve("t").toString()), "too few", "--threads");
        oneClearLine(run("--keystore", garbageStore.toString()), "--keystore-password-env");
    }

    @Test
    void theCommandServesAndPrintsWhereEverythingIs(@TempDir Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                MockMain.class.getName(), "--port", "0", "--state-dir", dir.toString(), "--password-iterations", "100"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String url = null;
            String ca = null;
            String credentials = null;
            for (String line; (line = out.readLine()) != null && (url == null || ca == null || credentials == null); ) {
                if (line.contains("url:")) {
                    url = line.substring(line.indexOf("https://")).trim();
                } else if (line.contains("CA file:")) {
                    ca = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.contains("credentials:")) {
                    credentials = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            assertThat(url).startsWith("https://127.0.0.1:").endsWith("/ibmmq/rest/v2/");
            assertThat(Path.of(ca)).exists();
            Properties creds = new Properties();
            try (var in = Files.newInputStream(Path.of(credentials))) {
                creds.load(in);
            }
            assertThat(creds.getProperty("user.mqadmin.password")).isNotBlank();
            assertThat(creds.getProperty("user.mqadmin.roles")).isEqualTo("MQWebAdmin");
            assertThat(URI.create(url).getPort()).isPositive();
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
