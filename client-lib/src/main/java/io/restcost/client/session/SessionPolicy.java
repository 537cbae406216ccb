package io.restcost.client.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a session (one connection, its TLS session, its auth token and its counters) is
 * reused. An immutable, thread-safe value; build one with {@link #oneShot()}, {@link #pooled()}
 * or {@link #rotating()}.
 *
 * <pre>{@code
 * SessionPolicy.rotating().maxRequests(50).maxAge(Duration.ofMinutes(10)).jitter(0.2).build()
 * }</pre>
 */
public final class SessionPolicy {

    /**
     * Idle sessions are closed after this long: below the keep-alive timeouts servers commonly
     * use (Liberty 30 s, nginx 75 s), so the client, not the server, closes an idle
     * connection and a request never races the server's close.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(25);

    private static final SessionPolicy ONE_SHOT =
            new SessionPolicy(PolicyKind.ONE_SHOT, 1, null, 0, DEFAULT_IDLE_TIMEOUT, true);
    private static final SessionPolicy POOLED =
            new SessionPolicy(PolicyKind.POOLED, Integer.MAX_VALUE, null, 0, DEFAULT_IDLE_TIMEOUT, false);

    private final PolicyKind kind;
    private final int maxRequests;
    private final Duration maxAge;
    private final double jitter;
    private final Duration idleTimeout;
    private final boolean reauthenticate;

    private SessionPolicy(PolicyKind kind, int maxRequests, Duration maxAge, double jitter,
                          Duration idleTimeout, boolean reauthenticate) {
        this.kind = kind;
        this.maxRequests = maxRequests;
        this.maxAge = maxAge;
        this.jitter = jitter;
        this.idleTimeout = idleTimeout;
        this.reauthenticate = reauthenticate;
    }

    /**
     * Every request opens a new TCP connection, does a full TLS handshake (resumption is off
     * unless the TLS options turn it on explicitly), authenticates afresh and closes.
     */
    public static SessionPolicy oneShot() {
        return ONE_SHOT;
    }

    /** Connections are reused indefinitely, closed only after {@link #DEFAULT_IDLE_TIMEOUT} unused. */
    public static SessionPolicy pooled() {
        return POOLED;
    }

    /**
     * Connections are reused indefinitely, closed after {@code idleTimeout} unused.
     *
     * @throws IllegalArgumentException if {@code idleTimeout} is not positive
     * @throws NullPointerException if {@code idleTimeout} is null
     */
    public static SessionPolicy pooled(Duration idleTimeout) {
        return new SessionPolicy(PolicyKind.POOLED, Integer.MAX_VALUE, null, 0,
                positive("idleTimeout", idleTimeout), false);
    }

    /** A builder for a rotating policy; set {@code maxRequests}, {@code maxAge} or both. */
    public static Builder rotating() {
        return new Builder();
    }

    public PolicyKind kind() {
        return kind;
    }

    /** The nominal request limit per session ({@link Integer#MAX_VALUE} when unlimited), before jitter. */
    public int maxRequests() {
        return maxRequests;
    }

    /** The nominal age limit per session, before jitter; null when unlimited. */
    public Duration maxAge() {
        return maxAge;
    }

    /** The fraction by which each session's limits are spread, in [0, 1). */
    public double jitter() {
        return jitter;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Whether each session logs in for itself (true) or all sessions share one token (false). */
    public boolean reauthenticate() {
        return reauthenticate;
    }

    /** Whether new connections under this policy resume TLS sessions unless told otherwise. */
    public boolean resumesTlsByDefault() {
        return kind != PolicyKind.ONE_SHOT;
    }

    /** A short, stable description, e.g. {@code rotating:requests=50,age=PT10M,jitter=0.2}. */
    @Override
    public String toString() {
        if (kind != PolicyKind.ROTATING) {
            return kind.tag();
        }
        StringBuilder sb = new StringBuilder("rotating:");
        if (maxRequests != Integer.MAX_VALUE) {
            sb.append("requests=").append(maxRequests).append(',');
        }
        if (maxAge != null) {
            sb.append("age=").append(maxAge).append(',');
        }
        sb.append("jitter=").append(jitter);
        if (reauthenticate) {
            sb.append(",reauthenticate");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionPolicy p && kind == p.kind && maxRequests == p.maxRequests
                && Objects.equals(maxAge, p.maxAge) && jitter == p.jitter
                && idleTimeout.equals(p.idleTimeout) && reauthenticate == p.reauthenticate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, maxRequests, maxAge, jitter, idleTimeout, reauthenticate);
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * Builds a rotating policy. Every argument is checked as it is set, and each setting may be
     * given once. Not thread-safe; {@link #build()} copies its state into an immutable policy.
     */
    public static final class Builder {
        private int maxRequests = -1;
        private Duration maxAge;
        private double jitter = Double.NaN;
        private Duration idleTimeout;
        private Boolean reauthenticate;

        private Builder() {
        }

        /**
         * Retire a session after this many requests (before jitter). Application requests
         * count; a login the session makes on its own connection (LtpaToken2 with
         * {@link #reauthenticate(boolean)}, or a refresh after a 401) rides along uncounted,
         * so the server may see one more exchange on that connection.
         *
         * @throws IllegalArgumentException if {@code maxRequests < 1}
         * @throws IllegalStateException if already set
         */
        public Builder maxRequests(int maxRequests) {
            if (this.maxRequests != -1) {
                throw new IllegalStateException("maxRequests was already set to " + this.maxRequests);
            }
            if (maxRequests < 1) {
                throw new IllegalArgumentException("maxRequests must be >= 1: " + maxRequests);
            }
            this.maxRequests = maxRequests;
            return this;
        }

        /**
         * Retire a session once it is this old (before jitter).
         *
         * @throws IllegalArgumentException if {@code maxAge} is not positive
         * @throws IllegalStateException if already set
         * @throws NullPointerException if {@code maxAge} is null
         */
        public Builder maxAge(Duration maxAge) {
            if (this.maxAge != null) {
                throw new IllegalStateException("maxAge was already set to " + this.maxAge);
            }
            this.maxAge = positive("maxAge", maxAge);
            return this;
        }

        /**
         * Spread each session's limits uniformly over [limit*(1-jitter), limit*(1+jitter)], drawn
         * once when the session opens, so that a fleet of clients does not reconnect at once.
         * Default 0.
         *
         * @throws IllegalArgumentException if {@code jitter} is not in [0, 1)
         * @throws IllegalStateException if already set
         */
        public Builder jitter(double jitter) {
            if (!Double.isNaN(this.jitter)) {
                throw new IllegalStateException("jitter was already set to " + this.jitter);
            }
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * Close a session unused for this long. Default {@link SessionPolicy#DEFAULT_IDLE_TIMEOUT}.
         *
         * @throws IllegalArgumentException if {@code idleTimeout} is not positive
         * @throws IllegalStateException if already set
         * @throws NullPointerException if {@code idleTimeout} is null
         */
        public Builder idleTimeout(Duration idleTimeout) {
            if (this.idleTimeout != null) {
                throw new IllegalStateException("idleTimeout was already set to " + this.idleTimeout);
            }
            this.idleTimeout = positive("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * Whether every new session logs in afresh (true: credentials are re-checked on every
         * rotation) or all sessions share one token (false, the default).
         *
         * @throws IllegalStateException if already set
         */
        public Builder reauthenticate(boolean reauthenticate) {
            if (this.reauthenticate != null) {
                throw new IllegalStateException("reauthenticate was already set to " + this.reauthenticate);
            }
            this.reauthenticate = reauthenticate;
            return this;
        }

        /**
         * Returns the policy.
         *
         * @throws IllegalStateException if neither maxRequests nor maxAge was set
         */
        public SessionPolicy build() {
            if (maxRequests == -1 && maxAge == null) {
                throw new IllegalStateException(
                        "a rotating policy needs maxRequests or maxAge (or both); for no limit use SessionPolicy.pooled()");
            }
            double j = Double.isNaN(jitter) ? 0 : jitter;
            int requests = maxRequests == -1 ? Integer.MAX_VALUE : maxRequests;
            return new SessionPolicy(PolicyKind.ROTATING, requests, maxAge, j,
                    idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout,
                    reauthenticate != null && reauthenticate);
        }
    }
}
