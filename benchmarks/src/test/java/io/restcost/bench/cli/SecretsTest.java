package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.server.ClientAuthMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret is ever written: {@code run} and {@code matrix} with basic, LtpaToken2 and
 * client-certificate authentication, and {@code balance} with basic and LtpaToken2 (it has no
 * certificate authentication), at debug logging, then every file they wrote (logs,
 * summaries, histograms, reports) and everything they printed is searched for the password,
 * the keystore's password, any LtpaToken2 the server issued and the private key.
 */
class SecretsTest {

    @TempDir
    static Path tmp;
    static MockMqWeb mq;
    static Path passwordFile;
    static Path keystorePasswordFile;
    static final List<String> printed = new ArrayList<>();

    /** Base64 runs long enough to be a token: each is checked against the mock's own keys. */
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_\\-+/]{40,}={0,2}");
    private static final Pattern COOKIE_WITH_VALUE = Pattern.compile("LtpaToken2[A-Za-z0-9_]*=[^;\\s\"',}]");

    @BeforeAll
    static void start() throws IOException {
        mq = MockMqWeb.builder().passwordIterations(100).clientAuth(ClientAuthMode.WANTED).start();
        passwordFile = MockTarget.passwordFile(tmp, mq.password("mqadmin"));
        keystorePasswordFile = MockTarget.passwordFile(tmp, new String(mq.pki().password()));
    }

    @AfterAll
    static void stop() {
        mq.close();
    }

    private static Cli restcost(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--target", mq.baseUri().toString(), "--ca-cert", mq.caPem().toString(),
                "--user", "mqadmin", "--password-file", passwordFile.toString(), "--keystore",
                mq.pki().clientKeystore("mqadmin").toString(), "--keystore-password-file", keystorePasswordFile.toString(),
                "--server-cpu", "mock", "--debug-log", "--warmup", "0s"));
        args.addAll(List.of(more));
        Cli c = Cli.run(args.toArray(new String[0]));
        printed.add(c.out());
        printed.add(c.err());
        assertThat(c.exitCode()).as(c.err()).isZero();
        return c;
    }

    @Test
    void noPasswordTokenOrPrivateKeyInAnyLogResultOrReport() throws Exception {
        Path results = tmp.resolve("results");
        for (String auth : List.of("basic", "ltpa", "cert")) {
            restcost("run", "--auth", auth, "--policy", "rotating:requests=5", "-n", "40", "-c", "2", "--out",
                    results.resolve("run-" + auth).toString());
        }
        restcost("matrix", "--auth", "basic,ltpa,cert", "--engine", "apache,okhttp", "--policy", "one-shot", "--policy",
                "rotating:requests=5", "-n", "20", "-c", "2", "--client-warmup", "0s", "--out", results.resolve("matrix").toString());

        // balance starts mocks of its own, with generated passwords, keys and an LTPA key: they live in a temporary
        // folder, deleted after, so its results hold nothing but the figures, the report and the logs
        for (String auth : List.of("basic", "ltpa")) {
            Path balance = results.resolve("balance-" + auth);
            Cli c = Cli.run("balance", "--auth", auth, "--policy", "rotating:requests=5", "--duration", "9s", "--rate", "30", "-c", "2",
                    "-q", "--debug-log", "--out", balance.toString());
            printed.add(c.out());
            printed.add(c.err());
            assertThat(c.exitCode()).as(c.err()).isZero();
            try (Stream<Path> walk = Files.walk(balance)) {
                assertThat(walk.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                        .containsExactlyInAnyOrder(RunFolder.BALANCE, RunFolder.REPORT, SharedOptions.DEBUG_LOG);
            }
            assertThat(Files.readString(balance.resolve(SharedOptions.DEBUG_LOG))).contains("opened; retires after 5 requests");
        }
        assertThat(Files.readString(results.resolve("balance-ltpa").resolve(SharedOptions.DEBUG_LOG))).contains("login to https://");

        // the debug log was on and says what happened: the search below is not over empty files
        String ltpaLog = Files.readString(results.resolve("run-ltpa").resolve(SharedOptions.DEBUG_LOG));
        assertThat(ltpaLog).contains("login to https://127.0.0.1:").contains("opened; retires after 5 requests")
                .contains("handshake, resumed").contains("retired after 5 requests: MAX_REQUESTS");
        assertThat(Files.readString(results.resolve("run-basic").resolve(SharedOptions.DEBUG_LOG))).contains("org.apache.hc.client5");
        assertThat(Files.readString(results.resolve("matrix").resolve(SharedOptions.DEBUG_LOG))).contains("okhttp").contains("login to");

        List<String> secrets = new ArrayList<>(List.of(mq.password("mqadmin"), new String(mq.pki().password())));
        secrets.addAll(privateKeyMaterial());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(results)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(30);
        List<String> texts = new ArrayList<>(printed);
        List<String> names = new ArrayList<>();
        printed.forEach(p -> names.add("what a command printed"));
        for (Path f : files) {
            texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            names.add(f.toString());
        }
        int candidates = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            for (String secret : secrets) {
                assertThat(text).as("%s holds a secret", names.get(i)).doesNotContain(secret);
            }
            assertThat(text).as(names.get(i)).doesNotContain("PRIVATE KEY");
            assertThat(COOKIE_WITH_VALUE.matcher(text).find()).as("%s holds a token cookie's value", names.get(i)).isFalse();
            Matcher m = TOKEN_LIKE.matcher(text);
            while (m.find()) {
                candidates++;
                assertThat(mq.issuedToken(m.group())).as("%s holds an LtpaToken2 the server issued", names.get(i)).isFalse();
            }
        }
        // the histograms' base64 alone gives candidates: the token check did run (MqwebBehaviourTest shows it finds a real token)
        assertThat(candidates).isPositive();
    }

    /** The client key as its PKCS#8 base64 would be written, and as hex, in pieces long enough to be unmistakable. */
    private static List<String> privateKeyMaterial() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(mq.pki().clientKeystore("mqadmin"))) {
            ks.load(in, mq.pki().password());
        }
        String alias = ks.aliases().nextElement();
        Key key = ks.getKey(alias, mq.pki().password());
        byte[] der = key.getEncoded();
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder hex = new StringBuilder();
        for (int i = der.length - 32; i < der.length; i++) {
            hex.append(String.format("%02x", der[i]));
        }
        return List.of(b64.substring(b64.length() - 48, b64.length() - 4), hex.toString());
    }
}
