package io.restcost.client.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a client trusts, what it presents, which protocols it speaks and whether it resumes
 * TLS sessions. An immutable value; passwords are copied in and never printed.
 *
 * <pre>{@code
 * TlsOptions.builder().trustPem(Path.of("ca.pem")).keyStore(Path.of("client.p12"), password).build()
 * }</pre>
 *
 * <p>Verification (certificate chain and host name) is on unless {@link Builder#insecureTrustAll()}
 * turns it off, which the client then logs as a warning every time one is built.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not thread-safe.
 */
public final class TlsOptions {

    private static final TlsOptions DEFAULTS = new Builder().build();

    private final Path trustPem;
    private final Path trustStore;
    private final char[] trustStorePassword;
    private final Path keyStore;
    private final char[] keyStorePassword;
    private final Path keyPem;
    private final Path certificatePem;
    private final List<String> protocols;
    private final List<String> groups;
    private final TlsResumption resumption;
    private final TlsProvider provider;
    private final boolean insecureTrustAll;

    private TlsOptions(Builder b) {
        trustPem = b.trustPem;
        trustStore = b.trustStore;
        trustStorePassword = b.trustStorePassword;
        keyStore = b.keyStore;
        keyStorePassword = b.keyStorePassword;
        keyPem = b.keyPem;
        certificatePem = b.certificatePem;
        protocols = b.protocols;
        groups = b.groups;
        resumption = b.resumption;
        provider = b.provider == null ? TlsProvider.JDK : b.provider;
        insecureTrustAll = b.insecureTrustAll;
    }

    /** The JDK's default trust, TLS 1.3 and 1.2, resumption as the session policy says. */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TLS implementation; {@link TlsProvider#JDK} unless set. */
    public TlsProvider provider() {
        return provider;
    }

    /** The resumption asked for explicitly, or null to follow the session policy's default. */
    public TlsResumption resumption() {
        return resumption;
    }

    /** The PEM file of trusted CA certificates, or null. */
    public Path trustPem() {
        return trustPem;
    }

    /** The truststore file, or null. */
    public Path trustStore() {
        return trustStore;
    }

    /** A copy of the truststore's password, or null: a secret, never to be logged. */
    public char[] trustStorePassword() {
        return trustStorePassword == null ? null : trustStorePassword.clone();
    }

    /** The client certificate's keystore file, or null. */
    public Path keyStore() {
        return keyStore;
    }

    /** A copy of the keystore's password, or null: a secret, never to be logged. */
    public char[] keyStorePassword() {
        return keyStorePassword == null ? null : keyStorePassword.clone();
    }

    /** The client certificate's PEM private key file, or null. */
    public Path keyPem() {
        return keyPem;
    }

    /** The client certificate's PEM chain file, or null. */
    public Path certificatePem() {
        return certificatePem;
    }

    /** Whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return keyStore != null || keyPem != null;
    }

    public List<String> protocols() {
        return protocols;
    }

    /**
     * The key-exchange groups offered, in standard names ({@code x25519}, {@code secp256r1} ...),
     * in order of preference; empty for the provider's defaults.
     */
    public List<String> groups() {
        return groups;
    }

    public boolean insecureTrustAll() {
        return insecureTrustAll;
    }

    /** Files and settings only: never passwords. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TlsOptions{");
        if (trustPem != null) sb.append("trustPem=").append(trustPem).append(", ");
        if (trustStore != null) sb.append("trustStore=").append(trustStore).append(", ");
        if (keyStore != null) sb.append("keyStore=").append(keyStore).append(", ");
        if (keyPem != null) sb.append("keyPem=").append(keyPem).append(", certificatePem=").append(certificatePem).append(", ");
        if (insecureTrustAll) sb.append("INSECURE trust-all, ");
        return sb.append("provider=").append(provider).append(", protocols=").append(protocols)
                .append(groups.isEmpty() ? "" : ", groups=" + groups).append(", resumption=")
                .append(resumption == null ? "policy default" : resumption).append('}').toString();
    }

    /** Builds {@link TlsOptions}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private static final List<String> GROUPS = List.of("x25519", "x448", "secp256r1", "secp384r1", "secp521r1",
                "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192");
        private Path trustPem;
        private Path trustStore;
        private char[] trustStorePassword;
        private Path keyStore;
        private char[] keyStorePassword;
        private Path keyPem;
        private Path certificatePem;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private boolean protocolsSet;
        private List<String> groups = List.of();
        private boolean groupsSet;
        private TlsResumption resumption;
        private TlsProvider provider;
        private boolean insecureTrustAll;

        private Builder() {
        }

        /**
         * Trust the CA certificates in a PEM file (one or more {@code BEGIN CERTIFICATE} blocks).
         *
         * @throws IllegalStateException if trust is already configured
         */
        public Builder trustPem(Path caPemFile) {
            checkTrustUnset("trustPem");
            this.trustPem = Objects.requireNonNull(caPemFile, "caPemFile");
            return this;
        }

        /**
         * Trust the certificates in a PKCS12 or JKS truststore (type detected from the file).
         *
         * @throws IllegalStateException if trust is already configured
         */
        public Builder trustStore(Path file, char[] password) {
            checkTrustUnset("trustStore");
            this.trustStore = Objects.requireNonNull(file, "file");
            this.trustStorePassword = password == null ? null : password.clone();
            return this;
        }

        /**
         * Present the client certificate in a PKCS12 or JKS keystore; the key's password is the
         * store's.
         *
         * @throws IllegalStateException if a client certificate is already configured
         */
        public Builder keyStore(Path file, char[] password) {
            checkKeyUnset("keyStore");
            this.keyStore = Objects.requireNonNull(file, "file");
            this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * Present a client certificate from PEM files: an unencrypted PKCS#8 private key
         * (a PEM block of type {@code PRIVATE KEY}, RSA or EC) and its certificate chain.
         *
         * @throws IllegalStateException if a client certificate is already configured
         */
        public Builder keyPem(Path privateKeyPem, Path certificateChainPem) {
            checkKeyUnset("keyPem");
            this.keyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            this.certificatePem = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            return this;
        }

        /**
         * The protocols to offer, e.g. {@code "TLSv1.3"} or {@code "1.2"}. Default TLS 1.3 and 1.2.
         *
         * @throws IllegalArgumentException if none is given or one is not TLS 1.2 or 1.3
         * @throws IllegalStateException if already set
         */
        public Builder protocols(String... protocols) {
            if (protocolsSet) {
                throw new IllegalStateException("protocols was already set to " + this.protocols);
            }
            if (protocols.length == 0) {
                throw new IllegalArgumentException("protocols must name at least one of TLSv1.3, TLSv1.2");
            }
            String[] names = new String[protocols.length];
            for (int i = 0; i < protocols.length; i++) {
                String p = protocols[i];
                names[i] = switch (p) {
                    case "1.3", "TLSv1.3" -> "TLSv1.3";
                    case "1.2", "TLSv1.2" -> "TLSv1.2";
                    default -> throw new IllegalArgumentException(
                            "protocol must be TLSv1.3 or TLSv1.2: " + p);
                };
            }
            this.protocols = List.copyOf(Arrays.asList(names));
            protocolsSet = true;
            return this;
        }

        /**
         * The key-exchange groups to offer, in order of preference, e.g. {@code "x25519"}; default
         * the provider's own list. JSSE on Java 17 also computes a P-256 key share that servers
         * preferring X25519 never use; offering only {@code x25519} saves it.
         *
         * <p>Names: {@code x25519}, {@code x448}, {@code secp256r1}, {@code secp384r1},
         * {@code secp521r1}, {@code ffdhe2048} ... {@code ffdhe8192} ({@code P-256} etc. are
         * accepted too). Conscrypt takes them per connection, as does JSSE from Java 20. On
         * Java 17 JSSE reads them once per JVM from {@code -Djdk.tls.namedGroups}: there,
         * building the client is refused in one line unless that property names the same groups.
         *
         * @throws IllegalArgumentException if none is given or one is unknown
         * @throws IllegalStateException if already set
         */
        public Builder groups(String... groups) {
            if (groupsSet) {
                throw new IllegalStateException("groups was already set to " + this.groups);
            }
            if (groups.length == 0) {
                throw new IllegalArgumentException("groups must name at least one group, e.g. x25519");
            }
            String[] names = new String[groups.length];
            for (int i = 0; i < groups.length; i++) {
                names[i] = standardGroupName(Objects.requireNonNull(groups[i], "group"));
            }
            this.groups = List.copyOf(new LinkedHashSet<>(Arrays.asList(names)));
            groupsSet = true;
            return this;
        }

        /**
         * The TLS implementation; default {@link TlsProvider#JDK}. {@link TlsProvider#CONSCRYPT}
         * needs {@code org.conscrypt:conscrypt-openjdk-uber} on the class path; building the
         * client says so in one line when it is missing.
         *
         * @throws IllegalStateException if already set
         * @throws NullPointerException if null
         */
        public Builder provider(TlsProvider provider) {
            if (this.provider != null) {
                throw new IllegalStateException("provider was already set to " + this.provider);
            }
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Resume TLS sessions or not; by default the session policy decides (one-shot: full
         * handshakes; pooled and rotating: resume).
         *
         * @throws IllegalStateException if already set
         */
        public Builder resumption(TlsResumption resumption) {
            if (this.resumption != null) {
                throw new IllegalStateException("resumption was already set to " + this.resumption);
            }
            this.resumption = Objects.requireNonNull(resumption, "resumption");
            return this;
        }

        /**
         * Turns certificate and host name verification OFF: any server can impersonate the
         * target. For throw-away test servers only; the client logs a warning when built.
         *
         * @throws IllegalStateException if trust is already configured
         */
        public Builder insecureTrustAll() {
            checkTrustUnset("insecureTrustAll");
            this.insecureTrustAll = true;
            return this;
        }

        /** A group's standard name; {@code P-256}, {@code P-384}, {@code P-521} and any case accepted. */
        private static String standardGroupName(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            n = switch (n) {
                case "p-256", "p256", "prime256v1" -> "secp256r1";
                case "p-384", "p384" -> "secp384r1";
                case "p-521", "p521" -> "secp521r1";
                default -> n;
            };
            if (!GROUPS.contains(n)) {
                throw new IllegalArgumentException("TLS group '" + name + "' is not known: use one of " + String.join(", ", GROUPS));
            }
            return n;
        }

        public TlsOptions build() {
            return new TlsOptions(this);
        }

        private void checkTrustUnset(String setting) {
            if (trustPem != null || trustStore != null || insecureTrustAll) {
                throw new IllegalStateException(setting + ": trust was already set ("
                        + (trustPem != null ? "trustPem " + trustPem : trustStore != null ? "trustStore " + trustStore : "insecureTrustAll")
                        + "); give one of trustPem, trustStore, insecureTrustAll");
            }
        }

        private void checkKeyUnset(String setting) {
            if (keyStore != null || keyPem != null) {
                throw new IllegalStateException(setting + ": a client certificate was already set ("
                        + (keyStore != null ? "keyStore " + keyStore : "keyPem " + keyPem) + ")");
            }
        }
    }
}
