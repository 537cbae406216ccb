package io.restcost.mock.tls;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;

/**
 * The mock's TLS implementation. {@link #JDK} (JSSE) by default, as Liberty's TLS is JSSE;
 * {@link #CONSCRYPT} (BoringSSL) to see what a native-TLS server pays. Conscrypt is optional:
 * {@code org.conscrypt:conscrypt-openjdk-uber} on the class path.
 */
public enum ServerTlsProvider {
    JDK, CONSCRYPT;

    static final String ARTIFACT = "org.conscrypt:conscrypt-openjdk-uber";
    /** The name Jetty looks the provider up by. */
    public static final String CONSCRYPT_NAME = "Conscrypt";

    /** @throws IllegalArgumentException naming the value and the choices */
    public static ServerTlsProvider parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "jdk" -> JDK;
            case "conscrypt" -> CONSCRYPT;
            default -> throw new IllegalArgumentException("unknown --tls-provider " + s + " (use jdk or conscrypt)");
        };
    }

    /**
     * The JCA provider to take TLS contexts from, registered under its name for Jetty (at the
     * end of the list, so nothing else in the JVM picks it by default); null for the JDK's.
     *
     * @throws IllegalStateException in one line when Conscrypt is not on the class path or cannot load
     */
    public Provider jcaProvider() {
        if (this == JDK) {
            return null;
        }
        synchronized (ServerTlsProvider.class) {
            Provider installed = Security.getProvider(CONSCRYPT_NAME);
            if (installed != null) {
                return installed;
            }
            Provider p;
            try {
                p = (Provider) Class.forName("org.conscrypt.Conscrypt").getMethod("newProvider").invoke(null);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("TLS provider conscrypt needs " + ARTIFACT
                        + " on the class path (or use --tls-provider jdk)");
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("TLS provider conscrypt cannot start on this machine (" + e.getCause()
                        + "); use --tls-provider jdk");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Conscrypt's API changed: " + e.getMessage(), e);
            }
            Security.addProvider(p);
            return p;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
