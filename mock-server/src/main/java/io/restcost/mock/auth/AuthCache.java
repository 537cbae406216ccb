package io.restcost.mock.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.restcost.kit.UserRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Liberty's authentication cache: a user whose credentials were checked recently is not
 * checked again until the entry times out (default 600 s, at most 25000 entries). Keyed by
 * user and a digest of the password, so a wrong password never hits a right one's entry.
 * Can be off, so every basic-auth request pays the full check. Thread-safe.
 */
public final class AuthCache {

    private final UserRegistry registry;
    private final Cache<String, List<String>> cache;
    private final Duration timeout;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param timeout how long an entry lives; null turns the cache off
     * @param ticker time source (nanoseconds), injected by tests
     */
    public AuthCache(UserRegistry registry, Duration timeout, int maxSize, Ticker ticker) {
        this.registry = registry;
        this.timeout = timeout;
        this.cache = timeout == null ? null
                : Caffeine.newBuilder().expireAfterWrite(timeout).maximumSize(maxSize).ticker(ticker).build();
    }

    /** The user's roles if the password is right (from the cache or a full check), else null. */
    public List<String> authenticate(String user, char[] password) {
        if (cache == null) {
            misses.increment();
            return registry.check(user, password);
        }
        String key = user + '\u0000' + digest(password);
        List<String> roles = cache.getIfPresent(key);
        if (roles != null) {
            hits.increment();
            return roles;
        }
        misses.increment();
        roles = registry.check(user, password);
        if (roles != null) {
            cache.put(key, roles);
        }
        return roles;
    }

    /** How long an entry lives; null when the cache is off. */
    public Duration timeout() {
        return timeout;
    }

    /** Password checks paid in full (cache misses, or every check with the cache off). */
    public long passwordChecks() {
        return misses.sum();
    }

    public long hits() {
        return hits.sum();
    }

    public void resetCounters() {
        hits.reset();
        misses.reset();
    }

    private static String digest(char[] password) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
