package io.restcost.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.kit.GeneratedPki;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.api.RequestWork;
import io.restcost.mock.server.ClientAuthMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mock's builder checks what it is given as RestClientBuilder does, and keeps no defaults. */
class MockMqWebBuilderTest {

    @TempDir
    Path tmp;

    @Test
    void aTemporaryStateFolderGoesWithTheMockAGivenOneStays() throws Exception {
        // the generated passwords and private keys must not pile up in /tmp, one folder per start
        Path made;
        try (MockMqWeb mq = MockMqWeb.builder().start()) {
            made = mq.stateDir();
            assertThat(mq.credentialsFile()).startsWith(made).exists();
            assertThat(mq.caPem()).startsWith(made).exists();
        }
        assertThat(made).doesNotExist();

        Path given = tmp.resolve("state");
        try (MockMqWeb mq = MockMqWeb.builder().stateDir(given).start()) {
            assertThat(mq.stateDir()).isEqualTo(given);
        }
        assertThat(given.resolve("credentials.properties")).exists();
        assertThat(Files.list(given.resolve("tls"))).isNotEmpty();
    }

    @Test
    void clientCertificatesOverPlainHttpAreRefusedWhenStarting() {
        assertThatThrownBy(() -> MockMqWeb.builder().plainHttp().clientAuth(ClientAuthMode.REQUIRED).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plainHttp() has no TLS, but clientAuth(REQUIRED) was set: drop plainHttp() or the TLS settings");
        assertThatThrownBy(() -> MockMqWeb.builder().plainHttp().protocols("TLSv1.3")
                .certificateType(GeneratedPki.KeyType.RSA_2048).settings())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("certificateType, protocols was set");
        assertThatThrownBy(() -> MockMqWeb.builder().trustStore(Path.of("ca.p12"), new char[0]).settings())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clientAuth is NONE");
    }

    @Test
    void aNullIsNamedNotABareNullPointer() {
        assertThatThrownBy(() -> MockMqWeb.builder().tokenExpiry(null))
                .isInstanceOf(NullPointerException.class).hasMessage("tokenExpiry");
        assertThatThrownBy(() -> MockMqWeb.builder().idleTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("idleTimeout");
        assertThatThrownBy(() -> MockMqWeb.builder().authCache(null, 10))
                .isInstanceOf(NullPointerException.class).hasMessage("authCache timeout");
        assertThatThrownBy(() -> MockMqWeb.builder().requestWork(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestWork must be >= 0 units: -1");
        assertThatThrownBy(() -> MockMqWeb.builder().tokenExpiry(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tokenExpiry must be positive: PT0S");
    }

    @Test
    void aSettingGivenTwiceSaysWhatItWas() {
        assertThatThrownBy(() -> MockMqWeb.builder().port(9443).port(9444))
                .isInstanceOf(IllegalStateException.class).hasMessage("port was already set to 9443");
        assertThatThrownBy(() -> MockMqWeb.builder().noAuthCache().authCache(Duration.ofSeconds(1), 5))
                .isInstanceOf(IllegalStateException.class).hasMessage("authCache was already set to true");
        assertThatThrownBy(() -> MockMqWeb.builder().plainHttp().plainHttp())
                .isInstanceOf(IllegalStateException.class).hasMessage("plainHttp was already set to true");
    }

    @Test
    void usersGivenTwiceAreCountedNeverPrinted() {
        List<UserRegistry.User> users = List.of(new UserRegistry.User("u", "never-printed-pw", List.of("MQWebUser")));
        assertThatThrownBy(() -> MockMqWeb.builder().users(users).users(users))
                .isInstanceOf(IllegalStateException.class).hasMessage("users was already set to 1 users")
                .hasMessageNotContaining("never-printed-pw");
    }

    @Test
    void defaultsLiveInTheSettingsNotInTheBuilder() {
        MockMqWebBuilder b = MockMqWeb.builder();
        MockSettings first = b.settings();
        assertThat(first.port()).isZero();
        assertThat(first.https()).isTrue();
        assertThat(first.ssoRequiresSsl()).isTrue();
        assertThat(first.tokenExpiry()).isEqualTo(Duration.ofMinutes(120));
        assertThat(first.authCacheTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(first.requestWork()).isEqualTo(RequestWork.LIBERTY_UNITS);
        // Nothing was set, so everything may still be set once.
        b.port(9443).tokenExpiry(Duration.ofMinutes(5)).noAuthCache().requestWork(0);
        MockSettings second = b.settings();
        assertThat(second.port()).isEqualTo(9443);
        assertThat(second.tokenExpiry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(second.authCacheTimeout()).isNull();
        assertThat(second.requestWork()).isZero();
        assertThat(MockMqWeb.builder().plainHttp().settings().ssoRequiresSsl()).isFalse();
    }
}
