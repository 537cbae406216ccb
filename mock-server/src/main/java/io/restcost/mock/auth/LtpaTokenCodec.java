package io.restcost.mock.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * LtpaToken2 stand-in with real cryptography: AES-256-GCM over the user, roles, expiry and
 * issuer, with a random IV per token. A token is accepted only if it decrypts and
 * authenticates under this server's key (so tampered and foreign tokens fail), names this
 * issuer, and has not expired. The expiry is inside the ciphertext: clients cannot read it,
 * as with Liberty's LTPA.
 *
 * <p>The key is made per server start, or read from a key file that several instances share
 * (as a Liberty cluster shares its LTPA keys). Thread-safe.
 */
public final class LtpaTokenCodec {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String issuer;
    // Cipher.getInstance costs a provider lookup per call (profiled); a Cipher is not thread-safe.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    });

    private LtpaTokenCodec(SecretKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** A codec with a fresh random key: tokens die with the server. */
    public static LtpaTokenCodec withRandomKey(String issuer) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new LtpaTokenCodec(new SecretKeySpec(k, "AES"), issuer);
    }

    /**
     * A codec whose key lives in {@code keyFile}: read if the file exists, else made and
     * written (owner-only), so instances started with the same file accept each other's tokens.
     *
     * @throws IllegalArgumentException naming the file if it exists but holds no valid key
     * @throws UncheckedIOException if it cannot be read or written
     */
    public static LtpaTokenCodec withKeyFile(Path keyFile, String issuer) {
        try {
            if (!Files.exists(keyFile)) {
                byte[] k = new byte[32];
                RANDOM.nextBytes(k);
                try {
                    Files.writeString(keyFile, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: the folder's ACL applies.
                    }
                } catch (FileAlreadyExistsException raced) {
                    // Another instance wrote it first: read theirs below.
                }
            }
            byte[] k;
            try {
                k = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("token key file " + keyFile + ": not base64 (delete it to make a new key)");
            }
            if (k.length != 32) {
                throw new IllegalArgumentException("token key file " + keyFile + ": holds " + k.length
                        + " bytes, not a 32-byte AES key (delete it to make a new key)");
            }
            return new LtpaTokenCodec(new SecretKeySpec(k, "AES"), issuer);
        } catch (IOException e) {
            throw new UncheckedIOException("token key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** What a valid token says. */
    public record Claims(String user, List<String> roles, long expiresAtMillis) {
    }

    /** A token for {@code user}, valid until {@code expiresAtMillis} (wall clock). */
    public String issue(String user, List<String> roles, long expiresAtMillis) {
        String plain = "u=" + user + "\nr=" + String.join(",", roles) + "\ne=" + expiresAtMillis + "\ni=" + issuer;
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
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
        if (raw.length < 1 + IV_BYTES + TAG_BITS / 8 || raw[0] != VERSION) {
            return Optional.empty();
        }
        String plain;
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 1, IV_BYTES));
            plain = new String(c.doFinal(raw, 1 + IV_BYTES, raw.length - 1 - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // the tag did not verify: tampered, or sealed under another key
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
        return "LtpaTokenCodec{issuer=" + issuer + ", AES-256-GCM}";
    }
}
