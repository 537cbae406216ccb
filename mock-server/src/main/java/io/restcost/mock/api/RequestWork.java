package io.restcost.mock.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The CPU a real mqweb spends on every request beyond what the mock does itself: Liberty's
 * web container, its security collaborator and its request objects. Measured, not guessed:
 * on a kept connection Open Liberty 26.0.0.3 spent about 80 us more than the mock per request
 * here, paced at one rate, in both authentication modes
 * ({@code benchmarks/scripts/calibrate-mock-vs-liberty.sh}); the default reproduces that.
 *
 * <p>The work is real: {@code units} SHA-256 passes over a 1 KiB block (about 0.8 us each on
 * the machine it was calibrated on), so it scales with the CPU as Liberty's own work would,
 * where a fixed spin of so many microseconds would not. Thread-safe.
 */
public final class RequestWork {

    /** Units per request calibrated against Open Liberty 26.0.0.3. */
    public static final int LIBERTY_UNITS = 90;

    private static final int BLOCK = 1024;

    private final int units;
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(RequestWork::sha256);
    private final ThreadLocal<byte[]> blocks = ThreadLocal.withInitial(() -> new byte[BLOCK]);

    /**
     * @param units SHA-256 passes over 1 KiB per request; 0 for none
     * @throws IllegalArgumentException if negative
     */
    public RequestWork(int units) {
        if (units < 0) {
            throw new IllegalArgumentException("request work must be >= 0 units: " + units);
        }
        this.units = units;
    }

    /** Spends one request's work on the calling thread. */
    public void spend() {
        if (units == 0) {
            return;
        }
        MessageDigest md = digests.get();
        byte[] block = blocks.get();
        for (int i = 0; i < units; i++) {
            md.update(block);
            // Feeding the digest back keeps every pass live: the JIT cannot drop any of them.
            block[i & (BLOCK - 1)] ^= md.digest()[0];
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available: " + e.getMessage(), e);
        }
    }
}
