package io.restcost.client.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import io.restcost.client.engine.TrackedSocket;

/**
 * TLS material loaded once per client, and the socket factory both engines layer TLS with.
 *
 * <p>Trust and key managers are built once: building them per connection would measure the
 * loading of trust material, not the handshake (the confound that made Python's
 * {@code requests.get} look 45 times slower than a Session). With
 * {@link TlsResumption#FULL_HANDSHAKE} each connection gets a fresh {@link SSLContext} over
 * those same managers, whose empty session cache cannot resume anything.
 *
 * <p>With {@link TlsResumption#RESUME} a connection borrows a context from a small pool and
 * gives it back when it closes, so the connection that replaces it finds the ticket its
 * predecessor received. One shared context would not do under TLS 1.3: JSSE keeps one
 * single-use ticket per server, so of several sessions rotating at once only one resumed
 * (measured: 4 threads rotating every 5 requests resumed 170 of 402 connections under TLS 1.3
 * against 398 of 402 under TLS 1.2). At most one context per concurrent connection is made.
 *
 * <p>Engine-facing: applications configure TLS with {@link TlsOptions}.
 */
public final class TlsSetup {

    private final KeyManager[] keyManagers;
    private final X509TrustManager trustManager;
    private final String[] protocols;
    private final TlsResumption resumption;
    private final boolean verifyHostname;
    private final ConcurrentLinkedDeque<SSLContext> idleContexts = new ConcurrentLinkedDeque<>();
    private final SSLContext defaultContext; // cipher-suite lists and sockets made without a TrackedSocket
    private final SSLSocketFactory socketFactory;

    private TlsSetup(KeyManager[] keyManagers, X509TrustManager trustManager, String[] protocols,
                     TlsResumption resumption, boolean verifyHostname) {
        this.keyManagers = keyManagers;
        this.trustManager = trustManager;
        this.protocols = protocols;
        this.resumption = resumption;
        this.verifyHostname = verifyHostname;
        this.defaultContext = newContext();
        this.socketFactory = new ObservingSocketFactory();
    }

    /**
     * Loads what {@code options} name.
     *
     * @param defaultResumption used when the options leave resumption to the policy
     * @throws IllegalArgumentException naming the file and the fix when a file is missing,
     *     unreadable, of the wrong kind, or its password is wrong
     */
    public static TlsSetup load(TlsOptions options, TlsResumption defaultResumption) {
        X509TrustManager tm;
        if (options.insecureTrustAll) {
            tm = TrustAll.INSTANCE;
        } else if (options.trustPem != null) {
            tm = trustManagerFor(pemTrustStore(options.trustPem));
        } else if (options.trustStore != null) {
            tm = trustManagerFor(loadKeyStore("truststore", options.trustStore, options.trustStorePassword));
        } else {
            tm = trustManagerFor(null);
        }
        KeyManager[] km = null;
        if (options.keyStore != null) {
            km = keyManagersFor("keystore " + options.keyStore,
                    loadKeyStore("keystore", options.keyStore, options.keyStorePassword), options.keyStorePassword);
        } else if (options.keyPem != null) {
            km = keyManagersFor("key file " + options.keyPem,
                    pemKeyStore(options.keyPem, options.certificatePem), new char[0]);
        }
        TlsResumption r = options.resumption != null ? options.resumption : defaultResumption;
        return new TlsSetup(km, tm, options.protocols.toArray(new String[0]), r, !options.insecureTrustAll);
    }

    /** The factory that layers TLS over a connected socket; both engines use it. */
    public SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public TlsResumption resumption() {
        return resumption;
    }

    /** False only when the user turned verification off with {@code insecureTrustAll}. */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    private SSLContext newContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers, new TrustManager[] {trustManager}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Creates each TLS socket from the shared context (resumable) or a fresh one (full
     * handshake), restricts protocols, turns on JSSE's host name check, and tells the
     * tracked socket underneath which TLS socket it carries.
     */
    private final class ObservingSocketFactory extends SSLSocketFactory {

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            SSLContext ctx;
            if (resumption == TlsResumption.FULL_HANDSHAKE) {
                ctx = newContext();
            } else {
                SSLContext idle = idleContexts.pollFirst();
                ctx = idle != null ? idle : newContext();
                if (s instanceof TrackedSocket tracked) {
                    tracked.onClose(() -> idleContexts.offerFirst(ctx));
                }
            }
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, host, port, autoClose);
            ssl.setEnabledProtocols(protocols);
            if (verifyHostname) {
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
            }
            if (s instanceof TrackedSocket tracked) {
                tracked.attachTls(ssl);
            }
            return ssl;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return defaultContext.getSocketFactory().getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return defaultContext.getSocketFactory().getSupportedCipherSuites();
        }

        // The engines only layer TLS over sockets they connected themselves; the rest of
        // SSLSocketFactory is answered by the shared context, unobserved.
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return defaultContext.getSocketFactory().createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return defaultContext.getSocketFactory().createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return defaultContext.getSocketFactory().createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return defaultContext.getSocketFactory().createSocket(address, port, localAddress, localPort);
        }
    }

    private static X509TrustManager trustManagerFor(KeyStore trusted) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build trust from the given certificates: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagersFor(String what, KeyStore ks, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(what + ": the private key's password differs from the store's "
                    + "(restcost expects one password for both; re-export the keystore with one)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + ": unusable as a client certificate: " + e.getMessage(), e);
        }
    }

    private static KeyStore loadKeyStore(String what, Path file, char[] password) {
        byte[] bytes = readFile(what, file, "give the path of a PKCS12 (.p12) or JKS file");
        for (String type : new String[] {"PKCS12", "JKS"}) {
            try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password);
                return ks;
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                    throw new IllegalArgumentException(what + " " + file + ": wrong password (check the "
                            + what + " password you gave)", e);
                }
                // not this type: try the next
            } catch (GeneralSecurityException e) {
                // not this type: try the next
            }
        }
        throw new IllegalArgumentException(what + " " + file + ": not a PKCS12 or JKS keystore "
                + "(convert it with keytool -importkeystore -deststoretype PKCS12)");
    }

    private static KeyStore pemTrustStore(Path pem) {
        byte[] bytes = readFile("CA file", pem, "give the PEM file of the CA that signed the server's certificate");
        Collection<? extends Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new java.io.ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA file " + pem + ": not a PEM certificate file ("
                    + e.getMessage() + "); it should hold -----BEGIN CERTIFICATE----- blocks", e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("CA file " + pem + ": holds no certificate; it should hold "
                    + "-----BEGIN CERTIFICATE----- blocks");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold certificates in memory: " + e.getMessage(), e);
        }
    }

    private static KeyStore pemKeyStore(Path keyPem, Path certPem) {
        String text = new String(readFile("key file", keyPem, "give an unencrypted PKCS#8 PEM private key"),
                StandardCharsets.US_ASCII);
        if (text.contains(pemBegin("RSA " + PKCS8)) || text.contains(pemBegin("EC " + PKCS8))
                || text.contains(pemBegin("ENCRYPTED " + PKCS8))) {
            throw new IllegalArgumentException("key file " + keyPem + ": restcost reads unencrypted PKCS#8 keys "
                    + "(PEM type " + PKCS8 + "); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + keyPem
                    + " -out key-pkcs8.pem");
        }
        String beginMarker = pemBegin(PKCS8);
        int begin = text.indexOf(beginMarker);
        int end = text.indexOf("-----END " + PKCS8 + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("key file " + keyPem + ": no " + beginMarker + " block found");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + beginMarker.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + keyPem + ": the PEM block is not valid base64", e);
        }
        PrivateKey key = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("key file " + keyPem + ": not an RSA, EC or Ed25519 PKCS#8 private key");
        }
        byte[] certBytes = readFile("certificate file", certPem, "give the PEM certificate chain of the client key");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(certBytes))) {
                chain.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate file " + certPem + ": not a PEM certificate file", e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate file " + certPem + ": holds no certificate");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("key file " + keyPem + " and certificate file " + certPem
                    + " do not make a key entry: " + e.getMessage(), e);
        }
    }

    /** The PEM type of an unencrypted PKCS#8 key. */
    private static final String PKCS8 = "PRIVATE KEY";

    private static String pemBegin(String type) {
        return "-----BEGIN " + type + "-----";
    }

    private static byte[] readFile(String what, Path file, String fix) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + ": not found (" + fix + ")", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(what + " " + file + ": not readable (check its permissions)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Accepts any certificate: only behind {@link TlsOptions.Builder#insecureTrustAll()}. */
    private enum TrustAll implements X509TrustManager {
        INSTANCE;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
