package io.restcost.client.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI made at test time (no private key is ever committed): a CA, a server
 * certificate for localhost, 127.0.0.1 and 127.0.0.2, and a client certificate for
 * {@code mqadmin}, written as the files users have (PEM, PKCS12).
 */
public final class TestPki {

    public static final String PASSWORD = "changeit-test";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public final Path dir;
    public final Path caPem;
    public final Path serverKeystore;
    public final Path serverTruststore;
    public final Path clientKeystore;
    public final Path clientKeyPem;
    public final Path clientCertPem;

    private TestPki(Path dir) {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
        this.serverKeystore = dir.resolve("server.p12");
        this.serverTruststore = dir.resolve("server-trust.p12");
        this.clientKeystore = dir.resolve("client.p12");
        this.clientKeyPem = dir.resolve("client-key.pem");
        this.clientCertPem = dir.resolve("client-cert.pem");
    }

    public static TestPki create(Path dir) {
        try {
            TestPki pki = new TestPki(dir);
            pki.generate();
            return pki;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test PKI", e);
        }
    }

    private void generate() throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair caKeys = ecKeys();
        X500Name caName = new X500Name("CN=restcost test CA");
        X509v3CertificateBuilder ca = builder(caName, caName, caKeys);
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = sign(ca, caKeys.getPrivate());

        KeyPair serverKeys = ecKeys();
        X509v3CertificateBuilder server = builder(caName, new X500Name("CN=localhost"), serverKeys);
        server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.2"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.3")}));
        server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate serverCert = sign(server, caKeys.getPrivate());

        KeyPair clientKeys = ecKeys();
        X509v3CertificateBuilder client = builder(caName, new X500Name("CN=mqadmin"), clientKeys);
        client.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate clientCert = sign(client, caKeys.getPrivate());

        Files.writeString(caPem, pem("CERTIFICATE", caCert.getEncoded()));
        store(serverKeystore, "server", serverKeys.getPrivate(), serverCert, caCert);
        store(clientKeystore, "client", clientKeys.getPrivate(), clientCert, caCert);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCert);
        try (OutputStream out = Files.newOutputStream(serverTruststore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        Files.writeString(clientKeyPem, pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()));
        Files.writeString(clientCertPem, pem("CERTIFICATE", clientCert.getEncoded()) + pem("CERTIFICATE", caCert.getEncoded()));
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(2, ChronoUnit.DAYS)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static void store(Path file, String alias, PrivateKey key, X509Certificate cert, X509Certificate ca)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, PASSWORD.toCharArray(), new Certificate[] {cert, ca});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
