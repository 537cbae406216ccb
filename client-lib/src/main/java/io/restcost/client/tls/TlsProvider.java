package io.restcost.client.tls;

/** Which TLS implementation the client's connections use. */
public enum TlsProvider {
    /** The JDK's JSSE: what most Java applications, and Liberty (so mqweb), run. */
    JDK,
    /**
     * Conscrypt: BoringSSL inside a Maven jar ({@code org.conscrypt:conscrypt-openjdk-uber}),
     * which the application adds to its own dependencies. Its full handshake costs the client a
     * fraction of JSSE's. Trust and host-name checks stay the JDK's.
     */
    CONSCRYPT
}
