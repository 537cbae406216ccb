package io.restcost.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.RestClient;
import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liberty with {@code <ssl clientAuthentication="true">}, as mqweb is set up to require client
 * certificates: a client without one gets what it would get from mqweb, a refused TLS
 * handshake; with the user's certificate it is served.
 */
class LibertyClientCertificateIT {

    @TempDir
    static Path dir;
    static LibertyServer liberty;

    @BeforeAll
    static void start() throws IOException {
        // Starting at all is checked too: the readiness probe must show a certificate.
        liberty = LibertyServer.builder().stateDir(dir).clientAuth("required").start();
    }

    @AfterAll
    static void stop() {
        if (liberty != null) {
            liberty.close();
        }
    }

    static RestClient client(TlsOptions tls) {
        return RestClient.builder().baseUri(liberty.baseUri()).policy(SessionPolicy.pooled()).tls(tls)
                .auth(Auth.basic("mqadmin", liberty.password("mqadmin").toCharArray())).build();
    }

    @Test
    void withoutAClientCertificateTheHandshakeIsRefusedAndWithOneTheUserIsServed() throws IOException {
        try (RestClient without = client(TlsOptions.builder().trustPem(liberty.caPem()).build())) {
            assertThatThrownBy(() -> without.execute(RestRequest.get(LibertyIT.QMGR))).isInstanceOf(IOException.class);
        }
        TlsOptions withCertificate = TlsOptions.builder().trustPem(liberty.caPem())
                .keyStore(liberty.pki().clientKeystore("mqadmin"), liberty.pki().password()).build();
        try (RestClient with = client(withCertificate)) {
            assertThat(with.execute(RestRequest.get(LibertyIT.QMGR)).status()).isEqualTo(200);
        }
    }
}
