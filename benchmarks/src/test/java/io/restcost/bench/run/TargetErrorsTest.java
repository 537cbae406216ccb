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
                null, null, null, keyStore, keyStore == null ? null : new char[] {'p'}, null, null, false, null, null, null, null);
    }

    @Test
    void aResetRightAfterATls13HandshakeWithoutCertificateSaysWhichCertificateToGive() {
        TargetProblem m = TargetErrors.describe(https(null), new SocketException("Broken pipe"));
        assertThat(m.what()).contains("client certificate").doesNotContain("Exception");
        assertThat(m.fix()).isEqualTo(TargetProblem.Fix.CLIENT_CERTIFICATE_OR_TLS_VERSION);
        assertThat(TargetErrors.describe(https(null), new SocketException("Connection reset")).what()).contains("client certificate");
    }

    @Test
    void aResetWithACertificateGivenIsNotBlamedOnTheCertificate() {
        TargetProblem m = TargetErrors.describe(https(Path.of("client.p12")), new SocketException("Connection reset"));
        assertThat(m.what()).doesNotContain("requires a client certificate");
        assertThat(m.fix()).isEqualTo(TargetProblem.Fix.TARGET_AND_SERVER);
    }

    @Test
    void alertsAndRefusalsNameTheirFixAndNoOption() {
        TargetProblem required = TargetErrors.describe(https(null), new SSLHandshakeException("Received fatal alert: certificate_required"));
        assertThat(required.what()).contains("requires a client certificate");
        assertThat(required.fix()).isEqualTo(TargetProblem.Fix.CLIENT_CERTIFICATE);
        TargetProblem refused = TargetErrors.describe(https(null), new ConnectException("Connection refused"));
        assertThat(refused.what()).isEqualTo("cannot connect to https://127.0.0.1:9443: Connection refused");
        assertThat(refused.toString()).isEqualTo("cannot connect to https://127.0.0.1:9443: Connection refused (is the server running? "
                + "check the target)");
        for (TargetProblem p : java.util.List.of(required, refused)) {
            assertThat(p.toString()).doesNotContain("--");
        }
        for (TargetProblem.Fix f : TargetProblem.Fix.values()) {
            assertThat(f.plain()).as("the harness's words for %s", f).doesNotContain("--");
        }
    }
}
