package io.restcost.client.internal.tls;

import io.restcost.client.tls.TlsProvider;
import io.restcost.client.tls.TlsResumption;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The SSLContexts a client's connections handshake with, over its {@link TlsMaterial}.
 *
 * <p>With {@link TlsResumption#FULL_HANDSHAKE} each connection gets a fresh context, whose
 * empty session cache cannot resume anything. With {@link TlsResumption#RESUME} a connection
 * borrows a context from a small pool and gives it back when it closes, so the connection
 * that replaces it finds the ticket its predecessor received. One shared context would not do
 * under TLS 1.3: JSSE keeps one single-use ticket per server, so of several sessions rotating
 * at once only one would resume. At most one context per concurrent connection is made.
 * Thread-safe.
 */
public final class TlsContexts {

    private final TlsMaterial material;
    private final String[] protocols;
    private final TlsResumption resumption;
    private final boolean verifyHostname;
    private final ConcurrentLinkedDeque<SSLContext> idle = new ConcurrentLinkedDeque<>();
    private final Provider provider;
    private final SSLContext defaultContext;
    private final NamedGroups groups;

    /**
     * @param protocols the protocols to enable, e.g. {@code TLSv1.3}
     * @param verifyHostname false only when the user turned verification off
     * @param groups the key-exchange groups to offer, standard names; empty for the provider's defaults
     * @throws IllegalArgumentException when the provider cannot offer exactly those groups
     */
    public TlsContexts(TlsMaterial material, List<String> protocols, TlsResumption resumption, boolean verifyHostname,
                       TlsProvider provider, List<String> groups) {
        this.material = material;
        this.protocols = protocols.toArray(new String[0]);
        this.resumption = resumption;
        this.verifyHostname = verifyHostname;
        this.provider = provider == TlsProvider.CONSCRYPT ? Conscrypt.provider() : null;
        this.groups = NamedGroups.of(groups, provider);
        this.defaultContext = newContext();
    }

    /** A context for one new connection; give it back with {@link #release} when the connection closes. */
    public SSLContext acquire() {
        if (resumption == TlsResumption.FULL_HANDSHAKE) {
            return newContext();
        }
        SSLContext ctx = idle.pollFirst();
        return ctx != null ? ctx : newContext();
    }

    /** Takes back a context whose connection closed, with the ticket it received, for the next connection. */
    public void release(SSLContext ctx) {
        if (resumption == TlsResumption.RESUME) {
            idle.offerFirst(ctx);
        }
    }

    /** Restricts a new TLS socket to the client's protocols and groups and turns on JSSE's host name check. */
    public void configure(SSLSocket socket) {
        socket.setEnabledProtocols(protocols);
        if (groups != null) {
            groups.apply(socket);
        }
        if (verifyHostname) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
        }
    }

    /**
     * As {@link #configure(SSLSocket)}, for an asynchronous engine's TLS, offering {@code alpn} by
     * ALPN. Only the JDK's TLS with its default groups is driven this way (the builder refuses the rest).
     */
    public void configure(SSLEngine engine, String... alpn) {
        engine.setEnabledProtocols(protocols);
        SSLParameters params = engine.getSSLParameters();
        if (verifyHostname) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        params.setApplicationProtocols(alpn);
        engine.setSSLParameters(params);
    }

    /** Whether sessions' creation times are in milliseconds: JSSE's are; Conscrypt's are whole seconds. */
    public boolean sessionTimesExact() {
        return provider == null;
    }

    /** A context for what is not a tracked connection (cipher-suite lists). */
    public SSLContext defaultContext() {
        return defaultContext;
    }

    public X509TrustManager trustManager() {
        return material.trustManager();
    }

    /** False only when the user turned verification off with {@code insecureTrustAll}. */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    private TrustManager trustFor(Provider p) {
        X509TrustManager tm = material.trustManager();
        return p != null && tm instanceof X509ExtendedTrustManager jdk ? new GenericAuthTypeTrust(jdk) : tm;
    }

    private SSLContext newContext() {
        try {
            SSLContext ctx = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
            ctx.init(material.keyManagers(), new TrustManager[] {trustFor(provider)}, null);
            if (provider != null) {
                Conscrypt.useEngineSocket(ctx);
            }
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }
}
