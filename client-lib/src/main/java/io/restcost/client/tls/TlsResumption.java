package io.restcost.client.tls;

/** Whether a new connection may resume an earlier TLS session. */
public enum TlsResumption {
    /** One shared SSLContext: JSSE's session cache lets a new connection resume (TLS 1.3 PSK with (EC)DHE, so keys are still fresh). */
    RESUME,
    /** Every connection pays a full handshake: each gets an SSLContext whose cache holds nothing to resume. */
    FULL_HANDSHAKE
}
