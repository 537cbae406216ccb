package io.restcost.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratedPkiTest {

    @ParameterizedTest
    @EnumSource(GeneratedPki.KeyType.class)
    void writesAChainThatVerifiesForEveryHostAndUser(GeneratedPki.KeyType type, @TempDir Path dir) throws Exception {
        GeneratedPki pki = GeneratedPki.generate(dir, type, List.of("localhost", "127.0.0.1", "127.0.0.2"), List.of("mqadmin", "mqreader"));
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(pki.caPem())) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.serverKeystore())) {
            server.load(in, pki.password());
        }
        X509Certificate serverCert = (X509Certificate) server.getCertificate("server");
        serverCert.verify(ca.getPublicKey());
        assertThat(serverCert.getPublicKey().getAlgorithm()).isEqualTo(type == GeneratedPki.KeyType.RSA_2048 ? "RSA" : "EC");
        assertThat(serverCert.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .containsExactly((Object) "localhost", "127.0.0.1", "127.0.0.2");
        for (String user : List.of("mqadmin", "mqreader")) {
            KeyStore client = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pki.clientKeystore(user))) {
                client.load(in, pki.password());
            }
            X509Certificate c = (X509Certificate) client.getCertificate("client");
            c.verify(ca.getPublicKey());
            assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=" + user);
            assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(Files.readString(pki.clientKeyPem(user))).startsWith("-----BEGIN " + "PRIVATE KEY-----");
            assertThat(Files.getPosixFilePermissions(pki.clientKeyPem(user)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.readString(pki.serverKeyPem())).startsWith("-----BEGIN " + "PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(pki.serverKeyPem()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(pki.serverCertPem()).split("BEGIN CERTIFICATE", -1)).as("the server's certificate, then the CA's").hasSize(3);
        assertThat(Files.readString(pki.passwordsFile())).contains("keystore.password=" + new String(pki.password()));
        assertThat(pki.toString()).doesNotContain(new String(pki.password()));
    }

    @Test
    void badInputNamesTheValueAndTheChoices() {
        assertThatThrownBy(() -> GeneratedPki.KeyType.parse("dsa"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown certificate type: dsa (use ec-p256 or rsa-2048)");
        assertThat(GeneratedPki.KeyType.parse("RSA-2048")).isEqualTo(GeneratedPki.KeyType.RSA_2048);
    }
}
