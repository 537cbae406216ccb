package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.auth.Auth;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.TestPki;
import io.restcost.client.tls.TlsOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake a user can make gives a message that names the input and the fix. */
class BadInputTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    private static RestClientBuilder local() {
        return RestClient.builder().baseUri(URI.create("https://localhost:9443"));
    }

    @Test
    void aUriWithoutSchemeOrHostIsRefusedWithAnExample() {
        assertThatThrownBy(() -> RestClient.builder().baseUri(URI.create("localhost:9443")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("URI must start with https:// or http://: localhost:9443");
        assertThatThrownBy(() -> RestClient.builder().baseUri(URI.create("https:///ibmmq")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URI has no host: https:///ibmmq").hasMessageContaining("https://localhost:9443");
        assertThatThrownBy(() -> RestClient.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("baseUri is required");
    }

    @Test
    void aMissingCaFileIsNamed() {
        Path missing = dir.resolve("no-such-ca.pem");
        assertThatThrownBy(() -> local().tls(TlsOptions.builder().trustPem(missing).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CA file " + missing + ": not found (give the PEM file of the CA that signed the server's certificate)");
    }

    @Test
    void aCaFileWithoutCertificatesIsNamed() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello\n");
        assertThatThrownBy(() -> local().tls(TlsOptions.builder().trustPem(junk).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CA file " + junk + ":").hasMessageContaining("BEGIN CERTIFICATE");
    }

    @Test
    void aWrongKeystorePasswordIsNamedButNotShown() {
        TlsOptions tls = TlsOptions.builder().trustPem(pki.caPem)
                .keyStore(pki.clientKeystore, "not-the-password".toCharArray()).build();
        assertThatThrownBy(() -> local().tls(tls).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keystore " + pki.clientKeystore + ": wrong password (check the keystore password you gave)")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aFileThatIsNoKeystoreIsNamed() throws Exception {
        Path notAStore = Files.write(dir.resolve("random.p12"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> local().tls(TlsOptions.builder().trustStore(notAStore, "x".toCharArray()).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("truststore " + notAStore + ": not a PKCS12 or JKS keystore");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> local().tls(TlsOptions.builder().keyStore(missing, "x".toCharArray()).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keystore " + missing + ": not found");
    }

    @Test
    void aPkcs1KeyFileGetsTheConversionCommand() throws Exception {
        // A PKCS#1 header around four bytes of nothing: the shape of an old key file, not a key.
        String type = "RSA PRIVATE" + " KEY";
        Path rsa = Files.writeString(dir.resolve("old.pem"), "-----BEGIN " + type + "-----\nAAAA\n-----END " + type + "-----\n");
        assertThatThrownBy(() -> local().tls(TlsOptions.builder().keyPem(rsa, pki.clientCertPem).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + rsa);
    }

    @Test
    void conflictingSettingsAreCaught() {
        assertThatThrownBy(() -> local().auth(Auth.clientCertificate()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a client certificate");
        assertThatThrownBy(() -> local().policy(SessionPolicy.pooled()).policy(SessionPolicy.oneShot()))
                .isInstanceOf(IllegalStateException.class).hasMessage("policy was already set to pooled");
        assertThatThrownBy(() -> TlsOptions.builder().trustPem(pki.caPem).insecureTrustAll())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trust was already set");
        assertThatThrownBy(() -> TlsOptions.builder().protocols("TLSv1.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("protocol must be TLSv1.3 or TLSv1.2: TLSv1.1");
        assertThatThrownBy(() -> local().connectTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive: PT-0.001S");
    }

    @Test
    void badRequestsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> RestRequest.get("ibmmq/rest/v2/admin/qmgr"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("URI must start with https://");
        assertThatThrownBy(() -> RestRequest.builder("GET", "/x").header("Connection", "keep-alive"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managed by restcost");
        assertThatThrownBy(() -> RestRequest.builder("GET", "/x").header("Cookie", "LtpaToken2=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials with Auth");
        assertThat(RestRequest.get("https://Example.COM/a?b=1").origin()).isEqualTo(new Origin("https", "example.com", 443));
        assertThat(RestRequest.get("https://Example.COM/a?b=1").path()).isEqualTo("/a?b=1");
    }

    @Test
    void aNullOrRepeatedBodyIsNamedWithTheFix() {
        assertThatThrownBy(() -> RestRequest.builder("POST", "/x").body("application/json", null))
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("body (for a request without a body, do not call body()");
        assertThatThrownBy(() -> RestRequest.builder("POST", "/x").body(null, new byte[0]))
                .isInstanceOf(NullPointerException.class).hasMessage("contentType");
        assertThatThrownBy(() -> RestRequest.builder("POST", "/x").body("text/plain", new byte[1]).body("text/plain", new byte[2]))
                .isInstanceOf(IllegalStateException.class).hasMessage("body was already set (1 bytes of text/plain)");
    }

    @Test
    void aClosedClientSaysSo() {
        RestClient client = local().tls(TlsOptions.builder().trustPem(pki.caPem).build()).build();
        client.close();
        assertThatThrownBy(() -> client.get("/x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the client is closed");
    }
}
