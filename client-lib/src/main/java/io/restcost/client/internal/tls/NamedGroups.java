package io.restcost.client.internal.tls;

import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The key-exchange groups a client offers ({@code supported_groups}, and the key shares it
 * computes under TLS 1.3), restricted per connection where the provider allows it.
 *
 * <p>Conscrypt takes them per socket. JSSE takes them per socket from Java 20
 * ({@code SSLParameters.setNamedGroups}); Java 17 reads them once for the whole JVM from the
 * system property {@code jdk.tls.namedGroups}, so there a client asking for groups is refused
 * unless the JVM was started with exactly those groups, rather than silently offering others.
 */
public final class NamedGroups {

    /** What Conscrypt (BoringSSL) supports of the names {@link TlsOptions.Builder#groups} accepts. */
    private static final Set<String> CONSCRYPT = Set.of("x25519", "secp256r1", "secp384r1", "secp521r1");
    static final String JVM_PROPERTY = "jdk.tls.namedGroups";
    private static final Method SET_NAMED_GROUPS = setNamedGroupsMethod();

    private final String[] groups;
    private final boolean conscrypt;

    private NamedGroups(String[] groups, boolean conscrypt) {
        this.groups = groups;
        this.conscrypt = conscrypt;
    }

    /**
     * The groups to offer, checked against the provider and the JVM, or null when none were
     * asked for (the provider's defaults).
     *
     * @throws IllegalArgumentException when the provider cannot offer exactly these groups
     */
    static NamedGroups of(List<String> groups, TlsProvider provider) {
        if (groups.isEmpty()) {
            return null;
        }
        String[] names = groups.toArray(new String[0]);
        if (provider == TlsProvider.CONSCRYPT) {
            for (String g : names) {
                if (!CONSCRYPT.contains(g)) {
                    throw new IllegalArgumentException("TLS group " + g + " is not supported by Conscrypt: use "
                            + String.join(", ", CONSCRYPT.stream().sorted().toList()) + ", or TlsProvider.JDK");
                }
            }
            return new NamedGroups(names, true);
        }
        if (SET_NAMED_GROUPS == null) {
            String jvm = System.getProperty(JVM_PROPERTY);
            if (jvm == null || !normalise(jvm).equals(groups)) {
                throw new IllegalArgumentException("TLS groups " + String.join(",", names) + " with the JDK provider need Java 20 "
                        + "or later, or this JVM started with -D" + JVM_PROPERTY + "=" + String.join(",", names)
                        + " (Java " + Runtime.version().feature() + " reads the groups once for the whole JVM"
                        + (jvm == null ? "" : "; it has " + jvm) + "); or use TlsProvider.CONSCRYPT");
            }
        }
        return new NamedGroups(names, false);
    }

    /** The system property's groups, in standard names. */
    static List<String> normalise(String property) {
        try {
            return TlsOptions.builder().groups(property.split(",")).build().groups();
        } catch (IllegalArgumentException e) {
            return List.of(property);
        }
    }

    /** Restricts one new socket to the groups (a no-op where the JVM-wide property already does). */
    void apply(SSLSocket socket) {
        if (conscrypt) {
            Conscrypt.setNamedGroups(socket, groups);
        } else if (SET_NAMED_GROUPS != null) {
            SSLParameters params = socket.getSSLParameters();
            try {
                SET_NAMED_GROUPS.invoke(params, (Object) groups.clone());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("SSLParameters.setNamedGroups: " + e.getMessage(), e);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("TLS groups " + String.join(",", groups) + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
            socket.setSSLParameters(params);
        }
    }

    /** Java 20's {@code SSLParameters.setNamedGroups(String[])}, or null on older JVMs. */
    private static Method setNamedGroupsMethod() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
