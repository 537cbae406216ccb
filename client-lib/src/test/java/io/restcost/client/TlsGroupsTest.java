package io.restcost.client;

import static io.restcost.client.testing.ClientHellos.SECP256R1;
import static io.restcost.client.testing.ClientHellos.X25519;
import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.testing.ClientHellos;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.OfferGroupsMain;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsProvider;
import io.restcost.mock.MockMqWeb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code TlsOptions.groups}: what the ClientHello offers, read off the wire, on both providers
 * and engines; and JSSE on Java 17, which takes groups only JVM-wide, refusing rather than
 * silently offering others.
 */
class TlsGroupsTest {

    private static ClientHellos.Hello helloFrom(Engine engine, TlsOptions tls) throws Exception {
        try (ClientHellos hellos = new ClientHellos();
             RestClient client = RestClient.builder().baseUri(java.net.URI.create("https://localhost:" + hellos.port())).engine(engine).tls(tls).build()) {
            assertThatThrownBy(() -> client.get("/")).isInstanceOf(java.io.IOException.class);
            return hellos.first();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void conscryptOffersOnlyTheGroupsAskedFor(Engine engine) throws Exception {
        ClientHellos.Hello hello = helloFrom(engine,
                TlsOptions.builder().insecureTrustAll().provider(TlsProvider.CONSCRYPT).groups("x25519").build());
        assertThat(hello.supportedGroups()).containsExactly(X25519);
        assertThat(hello.keyShares()).containsExactly(X25519);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void conscryptOffersPrime256WhenThatIsAskedFor(Engine engine) throws Exception {
        ClientHellos.Hello hello = helloFrom(engine,
                TlsOptions.builder().insecureTrustAll().provider(TlsProvider.CONSCRYPT).groups("P-256").build());
        assertThat(hello.supportedGroups()).containsExactly(SECP256R1);
        assertThat(hello.keyShares()).containsExactly(SECP256R1);
    }

    @Test
    void withoutGroupsTheJdkOffersItsOwnList() throws Exception {
        ClientHellos.Hello hello = helloFrom(Engine.APACHE_HTTPCLIENT5, TlsOptions.builder().insecureTrustAll().build());
        assertThat(hello.supportedGroups()).contains(X25519, SECP256R1).hasSizeGreaterThan(2);
        if (Runtime.version().feature() == 17) {
            // what --tls-groups x25519 saves: JDK 17 computes a P-256 key share beside X25519's
            assertThat(hello.keyShares()).containsExactly(X25519, SECP256R1);
        }
    }

    @Test
    void aConscryptHandshakeWithX25519OnlyCompletesAgainstTheMock() throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).auth(Mqweb.basic(mq))
                     .tls(TlsOptions.builder().trustPem(mq.caPem()).provider(TlsProvider.CONSCRYPT).groups("x25519").build())
                     .build()) {
            assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
        }
    }

    @Test
    void theJdkOnJava17RefusesGroupsTheJvmWasNotStartedWith() throws Exception {
        TlsOptions tls = TlsOptions.builder().insecureTrustAll().groups("x25519").build();
        if (Runtime.version().feature() >= 20) {
            assertThat(helloFrom(Engine.OKHTTP, tls).supportedGroups()).containsExactly(X25519);
            return;
        }
        assertThat(System.getProperty("jdk.tls.namedGroups")).isNull();
        assertThatThrownBy(() -> RestClient.builder().baseUri(java.net.URI.create("https://localhost:1")).tls(tls).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Djdk.tls.namedGroups=x25519").hasMessageContaining("TlsProvider.CONSCRYPT");
    }

    @Test
    void theJdkOnJava17OffersTheGroupsOfAJvmStartedWithThem() throws Exception {
        try (ClientHellos hellos = new ClientHellos()) {
            Process p = childJvm("-Djdk.tls.namedGroups=x25519", String.valueOf(hellos.port()), "X25519");
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            ClientHellos.Hello hello = hellos.first();
            assertThat(hello.supportedGroups()).containsExactly(X25519);
            assertThat(hello.keyShares()).containsExactly(X25519);
        }
    }

    @Test
    void aJvmStartedWithOtherGroupsIsNamedInTheRefusal() throws Exception {
        if (Runtime.version().feature() >= 20) {
            return; // per-connection groups: the JVM's property does not matter
        }
        Process p = childJvm("-Djdk.tls.namedGroups=secp256r1", "1", "x25519");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                .contains("it has secp256r1").doesNotContain("\n");
    }

    @Test
    void unknownGroupsAndGroupsConscryptLacksAreNamed() {
        assertThatThrownBy(() -> TlsOptions.builder().groups("x25519", "curve9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'curve9'").hasMessageContaining("secp256r1");
        assertThatThrownBy(() -> TlsOptions.builder().groups()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlsOptions.builder().groups("x25519").groups("x448")).isInstanceOf(IllegalStateException.class);
        TlsOptions ffdhe = TlsOptions.builder().insecureTrustAll().provider(TlsProvider.CONSCRYPT).groups("ffdhe2048").build();
        assertThatThrownBy(() -> RestClient.builder().baseUri(java.net.URI.create("https://localhost:1")).tls(ffdhe).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ffdhe2048 is not supported by Conscrypt");
        assertThat(TlsOptions.builder().groups("P-256", "X25519", "secp256r1").build().groups()).containsExactly("secp256r1", "x25519");
    }

    private static Process childJvm(String property, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), property,
                "-cp", System.getProperty("java.class.path"), OfferGroupsMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
