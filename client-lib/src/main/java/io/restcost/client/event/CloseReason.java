package io.restcost.client.event;

import java.util.Locale;

/** Why a session (and so its connection) was closed; the {@code reason} tag of the closed-connections meter. */
public enum CloseReason {
    /** The session carried its drawn number of requests. */
    MAX_REQUESTS,
    /** The session lived its drawn maximum age. */
    MAX_AGE,
    /** The session sat unused longer than the policy's idle timeout. */
    IDLE,
    /** The server closed the connection (for example its keep-alive request limit). */
    SERVER,
    /** A request on the connection failed with an I/O error. */
    ERROR,
    /** A one-shot session, closed after its only request. */
    ONE_SHOT,
    /** The client was closed. */
    CLIENT_CLOSED,
    /**
     * The engine made this connection while another call made one to the same origin, kept the
     * other and closed this one unused: a stock OkHttp client on HTTP/2, when several calls
     * find no connection at once (after each rotation, say).
     */
    RACED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lower-case form used as a metric tag value, e.g. {@code max_requests}. */
    public String tag() {
        return tag;
    }
}
