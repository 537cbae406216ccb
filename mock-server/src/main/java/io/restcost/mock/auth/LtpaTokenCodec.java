package io.restcost.mock.auth;

import io.restcost.kit.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * LtpaToken2 with LTPA2's cryptography, so that making and checking a token costs the mock
 * what it costs Liberty: the user data (user, roles, issuer, expiry) is signed with the
 * server's RSA-1024 key (the size of Liberty's LTPA keys), then data and signature are
 * encrypted with AES-128-CBC under the shared key (LTPA2's cipher). Issuing a token is an
 * RSA private-key operation (a tenth of a millisecond or more), checking one a decryption
 * and an RSA verification. A token is accepted only if it decrypts under this server's key,
 * its signature verifies, it names this issuer and it has not expired; the expiry is inside
 * the ciphertext, so clients cannot read it, as with Liberty's LTPA.
 *
 * <p>Differences from Liberty kept on purpose: a random IV per token (LTPA2 derives it from
 * the key), SHA-256 under the signature (LTPA2: SHA-1; the RSA operation is the cost) and our
 * own field layout. The keys are made per server start, or read from a key file that several
 * instances share (as a Liberty cluster shares its ltpa.keys). Thread-safe.
 */
public final class LtpaTokenCodec {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte VERSION = 2;
    private static final int IV_BYTES = 16;
    private static final int AES_BYTES = 16;
    private static final int RSA_BITS = 1024;
    private static final String SIGNATURE = "SHA256withRSA";
    private static final String CIPHER = "AES/CBC/PKCS5Padding";

    private final SecretKey key;
    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;
    private final String issuer;
    // getInstance costs a provider lookup per call (profiled); Cipher and Signature are not thread-safe.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance(CIPHER)));
    private final ThreadLocal<Signature> signers = ThreadLocal.withInitial(() -> instance(() -> Signature.getInstance(SIGNATURE)));

    private LtpaTokenCodec(SecretKey key, KeyPair rsa, String issuer) {
        this.key = key;
        this.signingKey = rsa.getPrivate();
        this.verifyingKey = rsa.getPublic();
        this.issuer = issuer;
    }

    private interface Maker<T> {
        T make() throws GeneralSecurityException;
    }

    private static <T> T instance(Maker<T> maker) {
        try {
            return maker.make();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("LTPA2 cryptography (" + CIPHER + ", " + SIGNATURE + ") is not available: "
                    + e.getMessage(), e);
        }
    }

    private static KeyPair newRsaKeys() {
        KeyPairGenerator g = instance(() -> KeyPairGenerator.getInstance("RSA"));
        g.initialize(RSA_BITS, RANDOM);
        return g.generateKeyPair();
    }

    private static SecretKey newAesKey() {
        byte[] k = new byte[AES_BYTES];
        RANDOM.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }

    /** A codec with fresh random keys: tokens die with the server. */
    public static LtpaTokenCodec withRandomKey(String issuer) {
        return new LtpaTokenCodec(newAesKey(), newRsaKeys(), issuer);
    }

    /**
     * A codec whose keys live in {@code keyFile}: read if the file exists, else made and
     * written (owner-only), so instances started with the same file accept each other's tokens.
     *
     * @throws IllegalArgumentException naming the file if it exists but holds no valid keys
     * @throws UncheckedIOException if it cannot be read or written
     */
    public static LtpaTokenCodec withKeyFile(Path keyFile, String issuer) {
        try {
            if (!Files.exists(keyFile)) {
                KeyPair rsa = newRsaKeys();
                String text = "# restcost mock token keys (AES-128, RSA-1024 PKCS#8): keep this file private\n"
                        + "aes=" + Base64.getEncoder().encodeToString(newAesKey().getEncoded()) + "\n"
                        + "rsa=" + Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded()) + "\n";
                try {
                    OwnerOnlyFiles.createNew(keyFile, text, StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // Another instance wrote it first: read theirs below.
                }
            }
            return read(keyFile, issuer);
        } catch (IOException e) {
            throw new UncheckedIOException("token key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static LtpaTokenCodec read(Path keyFile, String issuer) throws IOException {
        String aes = null;
        String rsa = null;
        for (String line : Files.readAllLines(keyFile, StandardCharsets.US_ASCII)) {
            if (line.startsWith("aes=")) {
                aes = line.substring(4).trim();
            } else if (line.startsWith("rsa=")) {
                rsa = line.substring(4).trim();
            }
        }
        String fix = " (delete it to make new keys)";
        if (aes == null || rsa == null) {
            throw new IllegalArgumentException("token key file " + keyFile + ": no aes= and rsa= lines" + fix);
        }
        byte[] k;
        KeyPair keys;
        try {
            k = Base64.getDecoder().decode(aes);
            KeyFactory rsaKeys = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsaKeys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(rsa)));
            keys = new KeyPair(rsaKeys.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())), priv);
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("token key file " + keyFile + ": not an AES key and an RSA private key in base64" + fix);
        }
        if (k.length != AES_BYTES) {
            throw new IllegalArgumentException("token key file " + keyFile + ": aes= holds " + k.length
                    + " bytes, not a 16-byte AES key" + fix);
        }
        return new LtpaTokenCodec(new SecretKeySpec(k, "AES"), keys, issuer);
    }

    /** What a valid token says. */
    public record Claims(String user, List<String> roles, long expiresAtMillis) {
    }

    /** A token for {@code user}, valid until {@code expiresAtMillis} (wall clock). */
    public String issue(String user, List<String> roles, long expiresAtMillis) {
        String data = "u=" + user + "\nr=" + String.join(",", roles) + "\ne=" + expiresAtMillis + "\ni=" + issuer;
        byte[] dataBytes = data.getBytes(StandardCharsets.UTF_8);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Signature signer = signers.get();
            signer.initSign(signingKey);
            signer.update(dataBytes);
            byte[] signature = signer.sign();
            byte[] plain = ByteBuffer.allocate(2 + dataBytes.length + signature.length)
                    .putShort((short) dataBytes.length).put(dataBytes).put(signature).array();
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            byte[] sealed = c.doFinal(plain);
            ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("LTPA2 cryptography failed: " + e.getMessage(), e);
        }
    }

    /**
     * The claims of a token this server issued and that has not expired; empty for anything
     * else (malformed, tampered, another key's, another issuer's, expired).
     */
    public Optional<Claims> verify(String token, long nowMillis) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < 1 + IV_BYTES + AES_BYTES || raw[0] != VERSION || (raw.length - 1 - IV_BYTES) % AES_BYTES != 0) {
            return Optional.empty();
        }
        String plain;
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(raw, 1, IV_BYTES));
            ByteBuffer opened = ByteBuffer.wrap(c.doFinal(raw, 1 + IV_BYTES, raw.length - 1 - IV_BYTES));
            int dataLength = opened.getShort() & 0xffff;
            if (dataLength > opened.remaining()) {
                return Optional.empty();
            }
            byte[] data = new byte[dataLength];
            opened.get(data);
            byte[] signature = new byte[opened.remaining()];
            opened.get(signature);
            Signature verifier = signers.get();
            verifier.initVerify(verifyingKey);
            verifier.update(data);
            if (!verifier.verify(signature)) {
                return Optional.empty();
            }
            plain = new String(data, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | java.nio.BufferUnderflowException e) {
            return Optional.empty(); // bad padding or signature: tampered, or made under other keys
        }
        String user = null;
        String roles = null;
        String iss = null;
        long expires = -1;
        for (String line : plain.split("\n")) {
            if (line.startsWith("u=")) {
                user = line.substring(2);
            } else if (line.startsWith("r=")) {
                roles = line.substring(2);
            } else if (line.startsWith("e=")) {
                expires = Long.parseLong(line.substring(2));
            } else if (line.startsWith("i=")) {
                iss = line.substring(2);
            }
        }
        if (user == null || roles == null || !issuer.equals(iss) || expires <= nowMillis) {
            return Optional.empty();
        }
        return Optional.of(new Claims(user, roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), expires));
    }

    @Override
    public String toString() {
        return "LtpaTokenCodec{issuer=" + issuer + ", AES-128-CBC, RSA-1024}";
    }
}
