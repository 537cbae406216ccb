package io.restcost.client.tls;

/** Whether a new connection may resume an earlier TLS session. */
public enum TlsResumption {
    /**
     * A new connection resumes the session of the connection it replaces: each connection borrows
     * an SSLContext from a small pool and returns it, with its fresh ticket, when it closes
     * (TLS 1.3 PSK with (EC)DHE, so keys are still fresh).
     */
    RESUME,
    /** Every connection pays a full handshake: each gets an SSLContext whose cache holds nothing to resume. */
    FULL_HANDSHAKE
}
