package io.restcost.client.internal.tls;

import java.io.IOException;
import java.io.InputStream;
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
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.restcost.client.tls.TlsOptions;

/**
 * The trust and key managers a client's options name, loaded once: a file that is missing,
 * unreadable, of the wrong kind or behind a wrong password is one message naming the file and
 * the fix. Loading trust per connection would measure the loading of trust material, not the
 * handshake.
 *
 * @param keyManagers the client certificate's key managers, or null when it presents none
 * @param trustManager what it trusts (everything only under {@code insecureTrustAll})
 */
public record TlsMaterial(KeyManager[] keyManagers, X509TrustManager trustManager) {

    /**
     * Loads what {@code options} name.
     *
     * @throws IllegalArgumentException naming the file and the fix when a file is missing,
     *     unreadable, of the wrong kind, or its password is wrong
     */
    public static TlsMaterial load(TlsOptions options) {
        X509TrustManager tm;
        if (options.insecureTrustAll()) {
            tm = TrustAll.INSTANCE;
        } else if (options.trustPem() != null) {
            tm = trustManagerFor(pemTrustStore(options.trustPem()));
        } else if (options.trustStore() != null) {
            tm = trustManagerFor(loadKeyStore("truststore", options.trustStore(), options.trustStorePassword()));
        } else {
            tm = trustManagerFor(null);
        }
        KeyManager[] km = null;
        if (options.keyStore() != null) {
            char[] password = options.keyStorePassword();
            km = keyManagersFor("keystore " + options.keyStore(),
                    loadKeyStore("keystore", options.keyStore(), password), password);
        } else if (options.keyPem() != null) {
            km = keyManagersFor("key file " + options.keyPem(),
                    pemKeyStore(options.keyPem(), options.certificatePem()), new char[0]);
        }
        return new TlsMaterial(km, tm);
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
