package io.restcost.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.EngineChoice;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The causes a first request can fail with, each turned into the fix a user needs. */
class TargetErrorsTest {

    private static ClientSpec https(Path keyStore) {
        return new ClientSpec(URI.create("https://127.0.0.1:9443"), EngineChoice.OKHTTP, keyStore == null ? "none" : "cert", null, null,
                null, null, null, keyStore, keyStore == null ? null : new char[] {'p'}, null, null, false, null, null, null);
    }

    @Test
    void aResetRightAfterATls13HandshakeWithoutCertificateSaysWhichCertificateToGive() {
        String m = TargetErrors.describe(https(null), new SocketException("Broken pipe"));
        assertThat(m).contains("client certificate").contains("--keystore").doesNotContain("Exception");
        assertThat(TargetErrors.describe(https(null), new SocketException("Connection reset"))).contains("client certificate");
    }

    @Test
    void aResetWithACertificateGivenIsNotBlamedOnTheCertificate() {
        String m = TargetErrors.describe(https(Path.of("client.p12")), new SocketException("Connection reset"));
        assertThat(m).doesNotContain("requires a client certificate").contains("check --target");
    }

    @Test
    void alertsAndRefusalsNameTheirFix() {
        assertThat(TargetErrors.describe(https(null), new SSLHandshakeException("Received fatal alert: certificate_required")))
                .contains("requires a client certificate");
        assertThat(TargetErrors.describe(https(null), new ConnectException("Connection refused")))
                .isEqualTo("cannot connect to https://127.0.0.1:9443: Connection refused (is the server running? check --target)");
    }
}
