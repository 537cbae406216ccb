package io.restcost.kit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
 * A throw-away PKI made at start-up, so no private key is ever committed: a CA, a server
 * certificate for the given host names and addresses, and one client certificate per user
 * (CN = user name, as mid-range mqweb maps it), written as the files clients use. The CA
 * and server keys are of the chosen type; client keys are always EC P-256.
 *
 * <p>Files in the state folder: {@code ca.pem}; {@code server.p12} and {@code server-trust.p12}
 * (for the server), and its key and chain as {@code server-key.pem} and {@code server-cert.pem}; per user {@code client-USER.p12}, {@code client-USER-key.pem} (PKCS#8) and
 * {@code client-USER-cert.pem}; and {@code passwords.properties} with the keystore password,
 * readable by its owner only. The password is random per generation.
 */
public final class GeneratedPki {

    /** The key of the server and client certificates: the two that cost most differently in a handshake. */
    public enum KeyType {
        EC_P256("SHA256withECDSA"),
        RSA_2048("SHA256withRSA");

        private final String signature;

        KeyType(String signature) {
            this.signature = signature;
        }

        /**
         * Parses {@code ec}, {@code ec-p256}, {@code rsa} or {@code rsa-2048}, any case.
         *
         * @throws IllegalArgumentException naming the value and the choices
         */
        public static KeyType parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "ec", "ec-p256", "ec_p256", "p256" -> EC_P256;
                case "rsa", "rsa-2048", "rsa_2048", "rsa2048" -> RSA_2048;
                default -> throw new IllegalArgumentException("unknown certificate type: " + s + " (use ec-p256 or rsa-2048)");
            };
        }
    }

    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final KeyType keyType;
    private final char[] password;
    private final Map<String, Path> clientKeystores = new LinkedHashMap<>();

    private GeneratedPki(Path dir, KeyType keyType, char[] password) {
        this.dir = dir;
        this.keyType = keyType;
        this.password = password;
    }

    /**
     * Makes the PKI and writes its files into {@code dir} (created if missing).
     *
     * @param hosts DNS names and IP addresses the server certificate is valid for
     * @param users one client certificate each
     * @throws UncheckedIOException if the folder cannot be written
     */
    public static GeneratedPki generate(Path dir, KeyType keyType, List<String> hosts, List<String> users) {
        Objects.requireNonNull(keyType, "keyType");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("the server certificate needs at least one host name or address");
        }
        byte[] pw = new byte[12];
        RANDOM.nextBytes(pw);
        GeneratedPki pki = new GeneratedPki(dir, keyType, HexFormat.of().formatHex(pw).toCharArray());
        try {
            Files.createDirectories(dir);
            pki.write(hosts, users);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated certificates to " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate certificates: " + e.getMessage(), e);
        }
        return pki;
    }

    public Path dir() {
        return dir;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The CA certificate clients trust. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The server's key and certificate chain (PKCS12, {@link #password()}). */
    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    /** The CA, as a PKCS12 truststore for verifying client certificates ({@link #password()}). */
    public Path serverTruststore() {
        return dir.resolve("server-trust.p12");
    }

    /** The properties file holding the keystore password. */
    public Path passwordsFile() {
        return dir.resolve("passwords.properties");
    }

    /**
     * The user's client keystore (PKCS12, {@link #password()}).
     *
     * @throws IllegalArgumentException if no certificate was made for that user
     */
    public Path clientKeystore(String user) {
        Path p = clientKeystores.get(user);
        if (p == null) {
            throw new IllegalArgumentException("no client certificate was generated for user " + user
                    + " (generated: " + clientKeystores.keySet() + ")");
        }
        return p;
    }

    /** The server's private key, PKCS#8 PEM, readable by its owner only: for servers that read no keystore, such as nginx. */
    public Path serverKeyPem() {
        return dir.resolve("server-key.pem");
    }

    /** The server's certificate and then the CA's, PEM. */
    public Path serverCertPem() {
        return dir.resolve("server-cert.pem");
    }

    public Path clientKeyPem(String user) {
        clientKeystore(user);
        return dir.resolve("client-" + user + "-key.pem");
    }

    public Path clientCertPem(String user) {
        clientKeystore(user);
        return dir.resolve("client-" + user + "-cert.pem");
    }

    /** The password of every keystore written (a copy). */
    public char[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "GeneratedPki{" + dir + ", " + keyType + ", users=" + clientKeystores.keySet() + "}";
    }

    private void write(List<String> hosts, List<String> users)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        // Key generation is most of the start-up time (an RSA-2048 pair takes 0.1 to 0.5 s
        // here): make the CA's and the server's pairs side by side.
        CompletableFuture<KeyPair> serverKeysLater = CompletableFuture.supplyAsync(() -> {
            try {
                return keys();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        KeyPair caKeys = keys();
        X500Name caName = new X500Name("CN=restcost mock CA " + HexFormat.of().toHexDigits(RANDOM.nextInt()));
        X509v3CertificateBuilder ca = builder(caName, caName, caKeys);
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = sign(ca, caKeys.getPrivate());

        KeyPair serverKeys = serverKeysLater.join();
        X509v3CertificateBuilder server = builder(caName, new X500Name("CN=" + hosts.get(0)), serverKeys);
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
            names.add(isAddress(h) ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
        }
        server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                | (keyType == KeyType.RSA_2048 ? KeyUsage.keyEncipherment : 0)));
        server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate serverCert = sign(server, caKeys.getPrivate());

        writeString(caPem(), pem("CERTIFICATE", caCert.getEncoded()));
        store(serverKeystore(), "server", serverKeys.getPrivate(), serverCert, caCert);
        // the same key and chain as PEM, for servers that read no keystore (nginx, HAProxy)
        writeSecret(serverKeyPem(), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
        writeString(serverCertPem(), pem("CERTIFICATE", serverCert.getEncoded()) + pem("CERTIFICATE", caCert.getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCert);
        try (OutputStream out = Files.newOutputStream(serverTruststore())) {
            trust.store(out, password);
        }

        for (String user : users) {
            // Client keys are EC whatever the server's type: the option is about the cost of the
            // server's handshake, and RSA keys cost a start-up second for every four users.
            KeyPair clientKeys = ecKeys();
            X509v3CertificateBuilder client = builder(caName, new X500Name("CN=" + user), clientKeys);
            client.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate clientCert = sign(client, caKeys.getPrivate());
            Path ks = dir.resolve("client-" + user + ".p12");
            store(ks, "client", clientKeys.getPrivate(), clientCert, caCert);
            writeSecret(dir.resolve("client-" + user + "-key.pem"), pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()));
            writeString(dir.resolve("client-" + user + "-cert.pem"),
                    pem("CERTIFICATE", clientCert.getEncoded()) + pem("CERTIFICATE", caCert.getEncoded()));
            clientKeystores.put(user, ks);
        }
        writeSecret(passwordsFile(), "# Password of every keystore in this folder (generated at start, never reused)\n"
                + "keystore.password=" + new String(password) + "\n");
    }

    private KeyPair keys() throws GeneralSecurityException {
        if (keyType == KeyType.RSA_2048) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        }
        return ecKeys();
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(keyType.signature).build(key)));
    }

    private void store(Path file, String alias, PrivateKey key, X509Certificate cert, X509Certificate ca)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, password, new Certificate[] {cert, ca});
        OwnerOnlyFiles.prepare(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
    }

    private static boolean isAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (!host.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writeString(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static void writeSecret(Path file, String text) throws IOException {
        OwnerOnlyFiles.write(file, text, StandardCharsets.US_ASCII);
    }

}
