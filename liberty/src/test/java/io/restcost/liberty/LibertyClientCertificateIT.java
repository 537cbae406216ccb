package io.restcost.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.RestClient;
import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client certificate is a login on Liberty as on mqweb: Liberty maps the certificate's CN to
 * a user of its basic registry, and the user is served with that user's roles, with no
 * password and no token. With {@code <ssl clientAuthentication="true">} a client without a
 * certificate gets a refused TLS handshake; with {@code clientAuthenticationSupported} only, it
 * may log in with credentials instead, and without either gets mqweb's MQWB0104E.
 */
class LibertyClientCertificateIT {

    static RestClient client(LibertyServer liberty, String certificateUser, Auth auth) {
        TlsOptions.Builder tls = TlsOptions.builder().trustPem(liberty.caPem());
        if (certificateUser != null) {
            tls.keyStore(liberty.pki().clientKeystore(certificateUser), liberty.pki().password());
        }
        return RestClient.builder().baseUri(liberty.baseUri()).policy(SessionPolicy.pooled()).tls(tls.build()).auth(auth).build();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Required {
        LibertyServer liberty;

        @BeforeAll
        void start(@TempDir Path dir) throws IOException {
            // Starting at all is checked too: the readiness probe must show a certificate.
            liberty = LibertyServer.builder().stateDir(dir).clientAuth("required").start();
        }

        @AfterAll
        void stop() {
            if (liberty != null) {
                liberty.close();
            }
        }

        @Test
        void withoutACertificateTheHandshakeIsRefused() {
            try (RestClient without = client(liberty, null, Auth.basic("mqadmin", liberty.password("mqadmin").toCharArray()))) {
                assertThatThrownBy(() -> without.execute(RestRequest.get(LibertyIT.QMGR))).isInstanceOf(IOException.class);
            }
        }

        @Test
        void theCertificateAloneLogsTheUserInWithTheUsersRoles() throws IOException {
            try (RestClient admin = client(liberty, "mqadmin", Auth.clientCertificate())) {
                RestResponse r = admin.execute(RestRequest.get(LibertyIT.QMGR));
                assertThat(r.status()).as(r.bodyAsString()).isEqualTo(200);
            }
            // restcost-metrics is a user of the registry in none of mqweb's roles.
            try (RestClient noRole = client(liberty, LibertyServer.METRICS_USER, Auth.clientCertificate())) {
                RestResponse r = noRole.execute(RestRequest.get(LibertyIT.QMGR));
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.bodyAsString()).contains("MQWB0108E").contains(LibertyServer.METRICS_USER);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Wanted {
        LibertyServer liberty;

        @BeforeAll
        void start(@TempDir Path dir) throws IOException {
            liberty = LibertyServer.builder().stateDir(dir).clientAuth("wanted").start();
        }

        @AfterAll
        void stop() {
            if (liberty != null) {
                liberty.close();
            }
        }

        @Test
        void aCertificateOrCredentialsLogIn_neitherGetsMqwebsError() throws IOException {
            try (RestClient byCertificate = client(liberty, "mqreader", Auth.clientCertificate())) {
                assertThat(byCertificate.execute(RestRequest.get(LibertyIT.QMGR)).status()).isEqualTo(200);
            }
            try (RestClient byPassword = client(liberty, null, Auth.basic("mqadmin", liberty.password("mqadmin").toCharArray()))) {
                assertThat(byPassword.execute(RestRequest.get(LibertyIT.QMGR)).status()).isEqualTo(200);
            }
            try (RestClient neither = client(liberty, null, Auth.none())) {
                RestResponse r = neither.execute(RestRequest.get(LibertyIT.QMGR));
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.bodyAsString()).contains("MQWB0104E");
            }
        }
    }
}
