package io.restcost.kit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS set up the way an application sets up its own client: a JDK SSLContext trusting a CA
 * from a PEM file (or a truststore), presenting a PKCS12 client key when given. What the
 * harness's stock clients, Liberty's health checks and the mock's tests trust their servers
 * with; restcost's own client has its own, richer loader (client-lib does not depend on this kit).
 */
public final class PemTrust {

    /** A context and the trust manager it uses (OkHttp wants both). */
    public record Trust(SSLContext context, X509TrustManager manager) {
    }

    private PemTrust() {
    }

    /** Trusts the CA certificates in {@code caPem}; presents the key in {@code keystore} (PKCS12) when not null. */
    public static Trust context(Path caPem, Path keystore, char[] keystorePassword) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
        }
        return context(ks, keystore, keystorePassword);
    }

    /**
     * Trusts the certificates in {@code trusted} (the JDK's default trust when null); presents the
     * key in {@code keystore} (PKCS12) when not null.
     */
    public static Trust context(KeyStore trusted, Path keystore, char[] keystorePassword) throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        KeyManager[] keys = null;
        if (keystore != null) {
            KeyStore client = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                client.load(in, keystorePassword);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(client, keystorePassword);
            keys = kmf.getKeyManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, new TrustManager[] {tm}, null);
        return new Trust(ctx, tm);
    }
}
