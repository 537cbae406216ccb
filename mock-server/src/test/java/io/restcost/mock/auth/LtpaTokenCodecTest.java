package io.restcost.mock.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LtpaTokenCodecTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aTokenCarriesItsClaimsUntilItExpires() {
        LtpaTokenCodec codec = LtpaTokenCodec.withRandomKey("mock-1");
        String token = codec.issue("mqadmin", List.of("MQWebAdmin", "MQWebUser"), NOW + 60_000);

        assertThat(codec.verify(token, NOW)).hasValueSatisfying(c -> {
            assertThat(c.user()).isEqualTo("mqadmin");
            assertThat(c.roles()).containsExactly("MQWebAdmin", "MQWebUser");
            assertThat(c.expiresAtMillis()).isEqualTo(NOW + 60_000);
        });
        assertThat(codec.verify(token, NOW + 60_000)).as("expired").isEmpty();
        assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1))
                .as("the user is not readable in the token").doesNotContain("mqadmin");
    }

    @Test
    void everyChangedByteIsRefused() {
        LtpaTokenCodec codec = LtpaTokenCodec.withRandomKey("mock-1");
        byte[] raw = Base64.getUrlDecoder().decode(codec.issue("mqadmin", List.of("MQWebAdmin"), NOW + 60_000));
        for (int i = 0; i < raw.length; i++) {
            byte[] bent = raw.clone();
            bent[i] ^= 0x01;
            assertThat(codec.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bent), NOW))
                    .as("byte %d changed", i).isEmpty();
        }
        assertThat(codec.verify("not base64 !", NOW)).isEmpty();
        assertThat(codec.verify("", NOW)).isEmpty();
    }

    @Test
    void anotherServersTokensAndAnotherIssuersAreRefused() {
        LtpaTokenCodec a = LtpaTokenCodec.withRandomKey("mock-1");
        LtpaTokenCodec b = LtpaTokenCodec.withRandomKey("mock-1");
        assertThat(b.verify(a.issue("mqadmin", List.of("MQWebAdmin"), NOW + 60_000), NOW)).isEmpty();
    }

    @Test
    void instancesSharingAKeyFileAcceptEachOthersTokensAndOnlyThose(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("token.keys");
        LtpaTokenCodec first = LtpaTokenCodec.withKeyFile(keys, "mqweb");
        LtpaTokenCodec second = LtpaTokenCodec.withKeyFile(keys, "mqweb");
        String token = first.issue("mquser", List.of("MQWebUser"), NOW + 60_000);

        assertThat(second.verify(token, NOW)).map(LtpaTokenCodec.Claims::user).hasValue("mquser");
        assertThat(LtpaTokenCodec.withKeyFile(dir.resolve("other.keys"), "mqweb").verify(token, NOW)).isEmpty();
        assertThat(LtpaTokenCodec.withKeyFile(keys, "another issuer").verify(token, NOW)).isEmpty();
        assertThat(Files.readString(keys)).contains("aes=", "rsa=");
    }

    @Test
    void aKeyFileWithoutKeysIsNamedWithTheFix(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.key");
        Files.writeString(old, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertThatThrownBy(() -> LtpaTokenCodec.withKeyFile(old, "mqweb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token key file " + old + ": no aes= and rsa= lines (delete it to make new keys)");

        Path bent = dir.resolve("bent.keys");
        Files.writeString(bent, "aes=AAAA\nrsa=AAAA\n");
        assertThatThrownBy(() -> LtpaTokenCodec.withKeyFile(bent, "mqweb"))
                .hasMessage("token key file " + bent + ": not an AES key and an RSA private key in base64 (delete it to make new keys)");
    }
}
