package io.restcost.mock.server;

import com.github.tomakehurst.wiremock.common.HttpsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's server TLS setup with resumption switched off: each connection's engine comes from
 * a fresh {@link SSLContext} over the same key and trust managers (built once), so no session
 * cache and no TLS 1.3 ticket key is shared between connections and every handshake is full.
 *
 * <p>Invalidating sessions is not enough: JDK 17 resumes TLS 1.3 from stateless tickets (or
 * from a ticket's own cached session) whatever the handshake's session became.
 */
final class FreshContextPerConnection extends SslContextFactory.Server {

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;

    /**
     * Loads the stores with plain JSSE: the store objects Jetty loads for itself gave a PKIX
     * key manager no alias to choose (checked on JDK 17), and SunX509 chooses none for engines.
     */
    FreshContextPerConnection(HttpsSettings https) throws GeneralSecurityException, IOException {
        char[] storePassword = https.keyStorePassword().toCharArray();
        char[] keyPassword = https.keyManagerPassword() != null ? https.keyManagerPassword().toCharArray() : storePassword;
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(load(https.keyStorePath(), https.keyStoreType(), storePassword), keyPassword);
        this.keyManagers = kmf.getKeyManagers();
        if (https.hasTrustStore()) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(https.trustStorePath(), https.trustStoreType(), https.trustStorePassword().toCharArray()));
            this.trustManagers = tmf.getTrustManagers();
        } else {
            this.trustManagers = null;
        }
        setKeyStorePath(https.keyStorePath());
        setKeyStorePassword(https.keyStorePassword());
        setKeyManagerPassword(new String(keyPassword));
        setKeyStoreType(https.keyStoreType());
        if (https.hasTrustStore()) {
            setTrustStorePath(https.trustStorePath());
            setTrustStorePassword(https.trustStorePassword());
            setTrustStoreType(https.trustStoreType());
        }
    }

    private static KeyStore load(String path, String type, char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(type == null ? "PKCS12" : type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, password);
        }
        return ks;
    }

    @Override
    public SSLEngine newSSLEngine() {
        SSLEngine engine = fresh().createSSLEngine();
        customize(engine);
        return engine;
    }

    @Override
    public SSLEngine newSSLEngine(String host, int port) {
        SSLEngine engine = fresh().createSSLEngine(host, port);
        customize(engine);
        return engine;
    }

    private SSLContext fresh() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers, trustManagers, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
