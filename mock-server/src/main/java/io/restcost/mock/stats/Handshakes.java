package io.restcost.mock.stats;

import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.io.ssl.SslConnection;

/**
 * Tells, on the server, whether a TLS handshake that just finished resumed an earlier session.
 * Session IDs say nothing under TLS 1.3, so two signs are used: the session was created
 * before the connection was accepted (it came from an earlier connection), or the server
 * wrote fewer bytes than its own certificate (a full handshake must send it). The second
 * catches what millisecond clocks miss: a session resumed in the same millisecond as the
 * connection that created it.
 */
public final class Handshakes {

    private Handshakes() {
    }

    /** @param acceptedAtMillis when the connection was accepted (Jetty's created time stamp) */
    public static boolean resumed(SslConnection connection, long acceptedAtMillis) {
        SSLSession session = connection.getSSLEngine().getSession();
        // Conscrypt keeps creation times in whole seconds: there only the bytes tell
        boolean exactTimes = !connection.getSSLEngine().getClass().getName().startsWith("org.conscrypt.");
        if (exactTimes && session.getCreationTime() < acceptedAtMillis) {
            return true;
        }
        Certificate[] local = session.getLocalCertificates();
        if (local == null || local.length == 0) {
            return false;
        }
        try {
            return connection.getBytesOut() < local[0].getEncoded().length;
        } catch (CertificateEncodingException e) {
            return false;
        }
    }
}
