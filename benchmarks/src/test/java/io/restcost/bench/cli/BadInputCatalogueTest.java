package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import io.restcost.client.RestClient;
import io.restcost.client.auth.Auth;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import io.restcost.kit.GeneratedPki;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.server.ClientAuthMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad input: every mistake a user can make with {@code run}, {@code matrix},
 * {@code compare}, {@code report}, {@code mock}, {@code liberty} and the client-lib builders,
 * one row each. Each gets one line naming the input and the fix, exit code 2 (a builder: one
 * exception whose message is that line), no stack trace, and never the password.
 */
class BadInputCatalogueTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    static final String SECRET = "s3cret-on-the-command-line";
    static Path notAPem;
    static Path runA;
    static Path runNewerFormat;
    static Path badJson;
    static Path aFile;

    @BeforeAll
    static void files() throws IOException {
        notAPem = Files.writeString(tmp.resolve("notes.txt"), "this is not a certificate\n");
        aFile = Files.writeString(tmp.resolve("a-file"), "x");
        runA = tmp.resolve("run-a");
        Cli c = Cli.run(target.args("run", "--policy", "pooled", "--auth", "basic", "-n", "5", "--warmup", "0s", "-q",
                "--out", runA.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        runNewerFormat = Files.createDirectories(tmp.resolve("run-format-2"));
        for (String f : List.of(RunFolder.HLOG, RunFolder.HGRM)) {
            Files.copy(runA.resolve(f), runNewerFormat.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = (ObjectNode) json.readTree(runA.resolve(RunFolder.SUMMARY).toFile());
        assertThat(summary.path("formatVersion").asInt()).isEqualTo(RunFolder.FORMAT_VERSION);
        summary.put("formatVersion", RunFolder.FORMAT_VERSION + 1);
        json.writeValue(runNewerFormat.resolve(RunFolder.SUMMARY).toFile(), summary);
        badJson = Files.createDirectories(tmp.resolve("bad-json"));
        Files.writeString(badJson.resolve(RunFolder.SUMMARY), "{\"label\": ");
    }

    /** One row: what the user did, and what the one line must say. */
    record Case(String name, Callable<Cli> action, String... mustSay) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case cli(String name, Callable<String[]> args, String... mustSay) {
        return new Case(name, () -> Cli.run(args.call()), mustSay);
    }

    /** A client-lib builder call that must throw: its message is the line. */
    static Case builder(String name, Callable<?> call, String... mustSay) {
        return new Case(name, () -> {
            try {
                call.call();
            } catch (IllegalArgumentException | IllegalStateException e) {
                return new Cli(2, "", e.getMessage() + "\n");
            }
            return new Cli(0, "", "");
        }, mustSay);
    }

    /** {@code run} against the mock as mqadmin, its CA trusted: {@code extra}, then each default it does not name. */
    static String[] run(String... extra) {
        return withDefaults(List.of("run"), extra, "--target", target.url(), "--ca-cert", target.ca(), "--user", "mqadmin",
                "--password-file", target.passwordFile(), "--out", tmp.resolve("run-" + System.nanoTime()).toString(), "-q", null,
                "--warmup", "0s", "-n", "20", "--policy", "pooled");
    }

    static String[] runAt(String url, String ca, String... extra) {
        List<String> more = new ArrayList<>(List.of("--target", url));
        if (ca != null) {
            more.addAll(List.of("--ca-cert", ca));
        }
        more.addAll(List.of(extra));
        String[] a = run(more.toArray(new String[0]));
        if (ca == null) {
            // no trust given at all: drop the default CA
            List<String> l = new ArrayList<>(List.of(a));
            int i = l.indexOf("--ca-cert");
            l.remove(i + 1);
            l.remove(i);
            return l.toArray(new String[0]);
        }
        return a;
    }

    /** {@code head}, {@code extra}, then the option/value pairs of {@code defaults} whose option {@code extra} does not give. */
    private static String[] withDefaults(List<String> head, String[] extra, String... defaults) {
        List<String> a = new ArrayList<>(head);
        a.addAll(List.of(extra));
        for (int i = 0; i < defaults.length; i += 2) {
            String option = defaults[i];
            boolean given = false;
            for (String e : extra) {
                given |= e.equals(option) || e.startsWith(option + "=") || (option.equals("-n") && e.equals("--duration"));
            }
            if (!given) {
                a.add(option);
                if (defaults[i + 1] != null) {
                    a.add(defaults[i + 1]);
                }
            }
        }
        return a.toArray(new String[0]);
    }

    static String[] matrix(String... extra) {
        List<String> a = new ArrayList<>(List.of(target.args("matrix", "--client-warmup", "0s", "-n", "10", "--warmup", "0s", "-q",
                "--out", tmp.resolve("matrix-" + System.nanoTime()).toString())));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    static String keystorePassword() throws IOException {
        return MockTarget.passwordFile(tmp, new String(target.mq().pki().password())).toString();
    }

    static Stream<Case> catalogue() {
        return Stream.of(
                // run: the target
                cli("run: a URL that is not http(s)", () -> run("--target", "ftp://host"), "--target ftp://host must be an http:// or https://"),
                cli("run: a URL without a host", () -> run("--target", "https:///ibmmq"), "--target https:///ibmmq"),
                cli("run: no --target", () -> new String[] {"run", "--policy", "pooled"}, "--target"),
                cli("run: a port where nothing listens", () -> {
                    int closed;
                    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                        closed = s.getLocalPort();
                    }
                    return runAt("https://127.0.0.1:" + closed, target.ca());
                }, "cannot connect to https://127.0.0.1:", "check --target"),
                // run: policies and numbers
                cli("run: an unknown policy", () -> run("--policy", "sometimes"), "unknown policy 'sometimes'", "rotating:requests=50"),
                cli("run: a start time that is not an instant", () -> run("--start-at", "tomorrow"), "--start-at tomorrow",
                        "ISO instant"),
                cli("run: a start time long past", () -> run("--start-at", "2020-01-01T00:00:00Z"), "--start-at 2020-01-01T00:00:00Z passed",
                        "far enough ahead"),
                cli("run: a server-CPU runner without a source", () -> run("--server-cpu-runner", "0", "--runner-index", "0"),
                        "--server-cpu-runner 0", "give --server-cpu too"),
                cli("merge: one folder", () -> new String[] {"merge", tmp.resolve("m-out").toString(), tmp.toString()}, "DIR"),
                cli("run: rotation length 0", () -> run("--policy", "rotating:requests=0"), "maxRequests must be >= 1: 0"),
                cli("run: jitter out of range", () -> run("--policy", "rotating:requests=50,jitter=2"), "jitter", "2"),
                cli("run: --requests 0", () -> run("-n", "0"), "--requests must be >= 1: 0"),
                cli("run: --concurrency 0", () -> run("-c", "0"), "--concurrency must be >= 1: 0"),
                cli("run: a negative rate", () -> run("--rate", "-5"), "--rate -5", "above 0"),
                cli("run: a duration that is not one", () -> run("--duration", "soon"), "'soon' is not a duration"),
                cli("run: a warm-up that is not one", () -> run("--warmup", "soon"), "--warmup", "'soon' is not a warm-up", "auto"),
                cli("run: auto warm-up of no time", () -> run("--warmup", "auto:0s"), "--warmup", "auto's longest warm-up must be above 0s"),
                cli("run: an unknown engine", () -> run("--engine", "curl"), "unknown --engine curl", "apache, okhttp"),
                cli("run: an unknown auth mode", () -> run("--auth", "kerberos"), "unknown --auth kerberos"),
                cli("run: an unknown TLS provider", () -> run("--tls-provider", "boring"), "unknown --tls-provider boring", "jdk or conscrypt"),
                cli("run: an unknown TLS group", () -> run("--tls-groups", "x25519,curve9"), "--tls-groups: TLS group 'curve9' is not known"),
                // run: files and secrets
                cli("run: a CA file that is missing", () -> run("--ca-cert", "/nonexistent/ca.pem"), "--ca-cert /nonexistent/ca.pem",
                        "not found or not readable"),
                cli("run: a CA file that is not a certificate", () -> run("--auth", "basic", "--ca-cert", notAPem.toString()),
                        notAPem.toString(), "not a PEM certificate"),
                cli("run: a keystore that is missing", () -> run("--auth", "cert", "--keystore", "/nonexistent/client.p12",
                        "--keystore-password-file", keystorePassword()), "/nonexistent/client.p12"),
                cli("run: a keystore that is not one", () -> run("--auth", "cert", "--keystore", notAPem.toString(),
                        "--keystore-password-file", keystorePassword()), notAPem.toString(), "not a PKCS12 or JKS keystore"),
                cli("run: a keystore with the wrong password", () -> run("--auth", "cert", "--keystore",
                        target.mq().pki().clientKeystore("mqadmin").toString(), "--keystore-password-file",
                        MockTarget.passwordFile(tmp, "wrong-keystore-password").toString()), "wrong password"),
                cli("run: a password file that is missing", () -> runAt(target.url(), target.ca(), "--auth", "basic", "--password-file",
                        "/nonexistent/pw"), "password file /nonexistent/pw"),
                cli("run: a password variable that is not set", () -> new String[] {"run", "--target", target.url(), "--ca-cert",
                        target.ca(), "--policy", "pooled", "--auth", "basic", "--user", "mqadmin", "--password-env",
                        "RESTCOST_TEST_UNSET_VARIABLE"}, "environment variable RESTCOST_TEST_UNSET_VARIABLE is not set"),
                cli("run: a password on the command line", () -> new String[] {"run", "--target", target.url(), "--policy", "pooled",
                        "--user", "mqadmin", "--password", SECRET}, "--password is refused", "--password-env VAR or --password-file FILE"),
                cli("run: a keystore password on the command line", () -> run("--auth", "cert", "--keystore-password=" + SECRET),
                        "--keystore-password is refused", "--keystore-password-env VAR"),
                cli("run: a results folder that cannot be made", () -> run("--out", aFile.resolve("sub").toString()),
                        "cannot create the results folder " + aFile.resolve("sub"), "--out"),
                cli("run: a results folder that holds a run", () -> run("--out", runA.toString()), "already holds a run", "--out"),
                // run: the server's TLS and authentication
                cli("run: an untrusted server certificate", () -> runAt(target.url(), null, "--auth", "basic"), "is not trusted", "--ca-cert"),
                new Case("run: a certificate for another host name", () -> {
                    Path dir = Files.createTempDirectory(tmp, "pki");
                    GeneratedPki pki = GeneratedPki.generate(dir, GeneratedPki.KeyType.EC_P256, List.of("mq.example.invalid"), List.of());
                    MockMqWeb other = MockMqWeb.builder().passwordIterations(100).keyStore(pki.serverKeystore(), pki.password()).start();
                    try (other) {
                        return Cli.run(runAt("https://127.0.0.1:" + other.port(), pki.caPem().toString()));
                    }
                }, "does not name 127.0.0.1"),
                new Case("run: a required client certificate not given", () -> {
                    try (MockMqWeb strict = MockMqWeb.builder().passwordIterations(100).clientAuth(ClientAuthMode.REQUIRED).start()) {
                        Path pw = MockTarget.passwordFile(tmp, strict.password("mqadmin"));
                        return Cli.run("run", "--target", strict.baseUri().toString(), "--ca-cert", strict.caPem().toString(), "--policy",
                                "pooled", "--auth", "basic", "--user", "mqadmin", "--password-file", pw.toString(), "-q", "--warmup", "0s",
                                "-n", "5", "--out", tmp.resolve("strict-" + System.nanoTime()).toString());
                    }
                }, "client certificate", "--keystore"),
                cli("run: the wrong password", () -> new String[] {"run", "--target", target.url(), "--ca-cert", target.ca(), "--policy",
                        "pooled", "--auth", "basic", "--user", "mqadmin", "--password-file",
                        MockTarget.passwordFile(tmp, "not-the-password").toString(), "-q", "-n", "5", "--warmup", "0s", "--out",
                        tmp.resolve("wrong-" + System.nanoTime()).toString()}, "refused the credentials", "(401)"),
                // matrix
                cli("matrix: an unknown order", () -> matrix("--order", "random"), "--order must be listed or shuffled, not 'random'"),
                cli("matrix: a rate missing for a policy", () -> matrix("--rate", "one-shot=40,pooled=200"),
                        "no rate for the policy rotating-10", "rotating=N"),
                cli("matrix: an unknown auth mode among several", () -> matrix("--auth", "basic,kerberos"), "unknown --auth kerberos"),
                cli("matrix: a rate that is not a number", () -> matrix("--rate", "fast"), "--rate fast", "--rate 500"),
                // compare and report
                cli("compare: two formats of results", () -> new String[] {"compare", runA.toString(), runNewerFormat.toString()},
                        "results format " + RunFolder.FORMAT_VERSION, "results format " + (RunFolder.FORMAT_VERSION + 1), "re-run"),
                cli("compare: a folder that is not a run", () -> new String[] {"compare", tmp.toString(), runA.toString()},
                        "is not a restcost run or matrix folder"),
                cli("compare: a threshold that is not a percentage", () -> new String[] {"compare", "--threshold", "lots",
                        runA.toString(), runA.toString()}, "--threshold lots is not a percentage"),
                cli("report: a folder that does not exist", () -> new String[] {"report", tmp.resolve("nothing-here").toString()},
                        "is not a folder"),
                cli("report: a summary that is not JSON", () -> new String[] {"report", badJson.toString()}, "is not valid JSON"),
                // balance
                cli("balance: too many instances", () -> new String[] {"balance", "--instances", "9"}, "--instances 9", "2 to 8"),
                cli("balance: an unknown address order", () -> new String[] {"balance", "--resolver-order", "sideways"},
                        "--resolver-order sideways", "round-robin or random"),
                cli("balance: an unknown address order, in the old spelling", () -> new String[] {"balance", "--order", "sideways"},
                        "--resolver-order sideways", "round-robin or random"),
                cli("balance: a stock engine", () -> new String[] {"balance", "--engine", "apache-dropin"}, "--engine apache-dropin",
                        "restcost's engines"),
                cli("balance: a run too short to split in three", () -> new String[] {"balance", "--duration", "3s"}, "--duration 3s"),
                cli("balance: an unknown route", () -> new String[] {"balance", "--via", "carrier-pigeon"}, "--via carrier-pigeon",
                        "resolver or haproxy"),
                cli("balance: a haproxy binary that is not there", () -> new String[] {"balance", "--via", "haproxy", "--haproxy",
                        "/nonexistent/haproxy"}, "--haproxy /nonexistent/haproxy", "give the haproxy binary"),
                // mock and liberty
                cli("mock: negative request work", () -> new String[] {"mock", "--port", "0", "--request-work", "-3"}, "--request-work -3"),
                cli("mock: a port out of range", () -> new String[] {"mock", "--port", "70000"}, "70000"),
                cli("liberty: a runtime folder that is not one", () -> new String[] {"liberty", "--wlp-dir", "/nonexistent/wlp"},
                        "--wlp-dir /nonexistent/wlp is not an Open Liberty runtime"),
                cli("an unknown command asked for help", () -> new String[] {"frobnicate", "--help"}, "unknown command 'frobnicate'",
                        "run, matrix"),
                // client-lib builders
                builder("client: a base URI that is not http(s)", () -> RestClient.builder().baseUri(URI.create("ftp://mq.example")),
                        "ftp://mq.example"),
                builder("client: no base URI", () -> RestClient.builder().build(), "baseUri is required"),
                builder("client: rotation length 0", () -> SessionPolicy.rotating().maxRequests(0), "maxRequests must be >= 1: 0"),
                builder("client: jitter of 1", () -> SessionPolicy.rotating().jitter(1.0), "jitter must be in [0, 1): 1.0"),
                builder("client: an unknown TLS group", () -> TlsOptions.builder().groups("curve9"), "TLS group 'curve9' is not known"),
                builder("client: a CA file that is not a certificate", () -> RestClient.builder().baseUri(URI.create(target.url()))
                        .tls(TlsOptions.builder().trustPem(notAPem).build()).build(), "CA file " + notAPem, "not a PEM certificate"),
                builder("client: a basic-auth user with a colon", () -> Auth.basic("mq:admin", "pw".toCharArray()), "user must not contain ':'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void oneLineNamingTheInputAndTheFixExitCode2AndNoSecret(Case c) throws Exception {
        Cli r = c.action().call();
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        String line = r.err().strip();
        assertThat(line.lines().count()).as("one line: %s", line).isEqualTo(1);
        assertThat(line).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(line).contains(c.mustSay());
        assertThat(r.err() + r.out()).doesNotContain(target.mq().password("mqadmin")).doesNotContain(SECRET);
    }

    @org.junit.jupiter.api.Test
    void theCatalogueHasAtLeast25Cases() {
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(25);
    }
}
