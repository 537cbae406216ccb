package io.restcost.client.internal.tls;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Conscrypt, reached by reflection: it is an optional dependency that the application adds,
 * so restcost compiles and runs without it and says in one line what to add when it is asked
 * for and missing.
 */
final class Conscrypt {

    static final String ARTIFACT = "org.conscrypt:conscrypt-openjdk-uber";

    private Conscrypt() {
    }

    /** A new Conscrypt provider (not installed in the JVM: only restcost's contexts use it). */
    static Provider provider() {
        try {
            return (Provider) type().getMethod("newProvider").invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("TLS provider CONSCRYPT cannot start on this machine (" + e.getCause()
                    + "); use TlsProvider.JDK, or a platform " + ARTIFACT + " supports", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Conscrypt's API changed: " + e.getMessage(), e);
        }
    }

    /**
     * Layers Conscrypt's TLS over any socket (its engine-based socket), so it wraps the tracked
     * socket under each connection like JSSE does.
     */
    static void useEngineSocket(SSLContext ctx) {
        try {
            type().getMethod("setUseEngineSocket", SSLSocketFactory.class, boolean.class)
                    .invoke(null, ctx.getSocketFactory(), true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Conscrypt's API changed: " + e.getMessage(), e);
        }
    }

    /** Conscrypt.setNamedGroups(SSLSocket, String[]), looked up once: it runs for every connection. */
    private static volatile java.lang.reflect.Method setNamedGroups;

    /** Offers only these key-exchange groups on one socket (standard names, e.g. {@code x25519}). */
    static void setNamedGroups(javax.net.ssl.SSLSocket socket, String[] groups) {
        try {
            java.lang.reflect.Method m = setNamedGroups;
            if (m == null) {
                m = type().getMethod("setNamedGroups", javax.net.ssl.SSLSocket.class, String[].class);
                setNamedGroups = m;
            }
            m.invoke(null, socket, groups);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("TLS groups " + String.join(",", groups) + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Conscrypt's API changed: " + e.getMessage(), e);
        }
    }

    private static Class<?> type() {
        try {
            return Class.forName("org.conscrypt.Conscrypt");
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("TLS provider CONSCRYPT needs " + ARTIFACT
                    + " on the class path: add it to your application's dependencies (or use TlsProvider.JDK)");
        }
    }
}
