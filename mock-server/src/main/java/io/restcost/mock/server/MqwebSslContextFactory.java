package io.restcost.mock.server;

import com.github.tomakehurst.wiremock.common.HttpsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's server TLS setup where WireMock's does not do: resumption switched off, or a TLS
 * provider other than the JDK's.
 *
 * <p>Resumption off: each connection's engine comes from a fresh {@link SSLContext} over the
 * same key and trust managers (built once), so no session cache and no TLS 1.3 ticket key is
 * shared between connections and every handshake is full. Invalidating sessions is not
 * enough: JDK 17 resumes TLS 1.3 from stateless tickets (or from a ticket's own cached
 * session) whatever the handshake's session became.
 *
 * <p>Conscrypt: its engines issue no session tickets unless told to, so TLS 1.3 would never
 * resume; each engine is told to, as JSSE and Liberty do by default.
 */
final class MqwebSslContextFactory extends SslContextFactory.Server {

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private final Provider provider;
    private final boolean freshPerConnection;
    private volatile SSLContext shared;
    /** Conscrypt.setUseSessionTickets(SSLEngine, boolean), looked up once: it runs for every connection. */
    private volatile java.lang.reflect.Method setUseSessionTickets;

    /**
     * Loads the stores with plain JSSE: the store objects Jetty loads for itself gave a PKIX
     * key manager no alias to choose (checked on JDK 17), and SunX509 chooses none for engines.
     */
    /**
     * @param provider the JCA provider of the TLS contexts, or null for the JDK's
     * @param freshPerConnection a new context per connection: nothing can resume
     */
    MqwebSslContextFactory(HttpsSettings https, Provider provider, boolean freshPerConnection)
            throws GeneralSecurityException, IOException {
        this.provider = provider;
        this.freshPerConnection = freshPerConnection;
        if (provider != null) {
            setProvider(provider.getName());
        }
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
        SSLEngine engine = context().createSSLEngine();
        customize(engine);
        return engine;
    }

    @Override
    public SSLEngine newSSLEngine(String host, int port) {
        SSLEngine engine = context().createSSLEngine(host, port);
        customize(engine);
        return engine;
    }

    @Override
    public void customize(SSLEngine engine) {
        super.customize(engine);
        if (provider != null) {
            useSessionTickets(engine);
        }
    }

    private void useSessionTickets(SSLEngine engine) {
        try {
            java.lang.reflect.Method m = setUseSessionTickets;
            if (m == null) {
                m = Class.forName("org.conscrypt.Conscrypt").getMethod("setUseSessionTickets", SSLEngine.class, boolean.class);
                setUseSessionTickets = m;
            }
            m.invoke(null, engine, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Conscrypt.setUseSessionTickets: " + e, e);
        }
    }

    private SSLContext context() {
        if (freshPerConnection) {
            return fresh();
        }
        SSLContext ctx = shared;
        if (ctx == null) {
            synchronized (this) {
                if (shared == null) {
                    shared = fresh();
                }
                ctx = shared;
            }
        }
        return ctx;
    }

    private SSLContext fresh() {
        try {
            SSLContext ctx = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
            ctx.init(keyManagers, trustManagers, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
