package io.restcost.client.session;

import java.util.Locale;

/** The three connection strategies restcost compares. */
public enum PolicyKind {
    /** A new connection, full TLS handshake and fresh authentication for every request. */
    ONE_SHOT,
    /** Connections kept and reused indefinitely. */
    POOLED,
    /** Sessions reused up to drawn request and age limits, then replaced. */
    ROTATING;

    private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The form used in metric tags and reports: {@code one-shot}, {@code pooled}, {@code rotating}. */
    public String tag() {
        return tag;
    }
}
