package io.restcost.bench.cli;

import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.run.ServerCpuSpec;
import io.restcost.cli.Secrets;
import io.restcost.client.tls.TlsProvider;
import io.restcost.client.tls.TlsResumption;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the target is and how to trust and authenticate to it; shared by run, matrix and suite. */
final class ConnectionOptions {

    @Option(names = "--target", paramLabel = "URL",
            description = "Base URL of the server, e.g. https://127.0.0.1:9443 (the mock, or your mqweb); required, except by suite.")
    String target;

    @Option(names = "--user", description = "User for basic and ltpa auth.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the user's password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the user's password.")
    Path passwordFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /*
     * A password on the command line shows in ps, in shell history and in CI logs: these hidden
     * options exist only to refuse one, in one line naming where a password is taken from, and
     * never echoing the value.
     */
    @Option(names = "--password", hidden = true, arity = "0..1")
    void refusePassword(String ignored) {
        throw refused("--password", "--password-env VAR or --password-file FILE, or neither to be asked for it");
    }

    @Option(names = "--keystore-password", hidden = true, arity = "0..1")
    void refuseKeyStorePassword(String ignored) {
        throw refused("--keystore-password", "--keystore-password-env VAR or --keystore-password-file FILE");
    }

    @Option(names = "--truststore-password", hidden = true, arity = "0..1")
    void refuseTrustStorePassword(String ignored) {
        throw refused("--truststore-password", "--truststore-password-env VAR");
    }

    @Option(names = "--server-cpu-password", hidden = true, arity = "0..1")
    void refuseServerCpuPassword(String ignored) {
        throw refused("--server-cpu-password", "--server-cpu-password-env VAR or --server-cpu-password-file FILE");
    }

    private ParameterException refused(String option, String instead) {
        return new ParameterException(mixee.commandLine(), option + " is refused: a password on the command line shows in ps "
                + "and shell history; give " + instead);
    }

    @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS12/JKS keystore with the client certificate (--auth cert).")
    Path keyStore;

    @Option(names = "--keystore-password-env", paramLabel = "VAR", description = "Environment variable holding the keystore password.")
    String keyStorePasswordEnv;

    @Option(names = "--keystore-password-file", paramLabel = "FILE", description = "File holding the keystore password.")
    Path keyStorePasswordFile;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "PEM file of the CA that signed the server's certificate.")
    Path caCert;

    @Option(names = "--truststore", paramLabel = "FILE", description = "PKCS12/JKS truststore instead of --ca-cert.")
    Path trustStore;

    @Option(names = "--truststore-password-env", paramLabel = "VAR", description = "Environment variable holding the truststore password.")
    String trustStorePasswordEnv;

    @Option(names = "--tls-protocol", paramLabel = "1.2|1.3", converter = io.restcost.cli.TlsVersionConverter.class,
            description = "Offer only this TLS version (default: both).")
    String tlsProtocol;

    @Mixin
    HttpOptions httpOptions;

    @Option(names = "--tls-groups", paramLabel = "GROUP[,GROUP...]", split = ",", description = "Offer only these "
            + "key-exchange groups, e.g. x25519 (JDK 17 otherwise also computes a P-256 key share the server never uses). "
            + "Java 17's JSSE takes them JVM-wide: the restcost command sets -Djdk.tls.namedGroups itself. Default: the provider's list.")
    java.util.List<String> tlsGroups;

    @Mixin
    TimeoutOptions timeouts;

    @Option(names = "--insecure", description = "Turn certificate and host name verification OFF, and allow a "
            + "password over a plain http:// target (throw-away test servers only).")
    boolean insecure;

    @Option(names = "--server-cpu", paramLabel = "SOURCE", description = "Read the server's CPU from: mock (restcost's mock, "
            + "the only source that asks for /__restcost/stats), pid:N or pidfile:PATH on this machine (+children adds its child "
            + "processes, e.g. nginx's workers), prometheus:URL[,metric=NAME] (process_cpu_seconds_total, or Liberty's "
            + "mpMetrics process CPU), or exec:COMMAND for a server on another host: a command that prints its CPU time as a "
            + "/proc/PID/stat line, [[DD-]HH:]MM:SS[.ss] or seconds, e.g. exec:'ssh mqhost cat /proc/1234/stat' or, under "
            + "z/OS UNIX, exec:'ssh mvs ps -o time= -p 50331700' (give secrets as $VARIABLES). Default: none.")
    String serverCpu;

    @Option(names = "--server-cpu-user", paramLabel = "NAME", description = "User for a prometheus: source that needs one "
            + "(Liberty's /metrics needs an administrator).")
    String serverCpuUser;

    @Option(names = "--server-cpu-password-env", paramLabel = "VAR", description = "Environment variable holding that user's password.")
    String serverCpuPasswordEnv;

    @Option(names = "--server-cpu-password-file", paramLabel = "FILE", description = "File holding that user's password.")
    Path serverCpuPasswordFile;

    @Option(names = "--server-cpu-ca-cert", paramLabel = "PEM", description = "CA of an https prometheus: URL (default: trust it as the target).")
    Path serverCpuCaCert;

    /** Where to read the server's CPU, or null when --server-cpu was not given. */
    ServerCpuSpec serverCpu() {
        if (blank(serverCpu)) {
            if (serverCpuUser != null || serverCpuPasswordEnv != null || serverCpuPasswordFile != null) {
                throw new IllegalArgumentException("--server-cpu-user and its password are for --server-cpu prometheus:URL; "
                        + "give --server-cpu too");
            }
            return null;
        }
        char[] pw = null;
        if (!blank(serverCpuUser)) {
            pw = Secrets.read("server-cpu-password", serverCpuPasswordEnv, serverCpuPasswordFile, null);
            if (pw == null) {
                throw new IllegalArgumentException("--server-cpu-user " + serverCpuUser + " needs its password: give "
                        + "--server-cpu-password-env VAR or --server-cpu-password-file FILE");
            }
        }
        if (serverCpuCaCert != null && !Files.isReadable(serverCpuCaCert)) {
            throw new IllegalArgumentException("--server-cpu-ca-cert " + serverCpuCaCert + ": not found or not readable");
        }
        return new ServerCpuSpec(serverCpu.strip(), blank(serverCpuUser) ? null : serverCpuUser, pw, serverCpuCaCert);
    }

    /** A password handed over in code (the suite's mock); never set from the command line. */
    char[] password;

    /** The client settings for one engine, auth mode and resumption, on the JDK's TLS. */
    ClientSpec spec(String engine, String auth, String resumption, boolean needPassword) {
        return spec(engine, auth, resumption, "jdk", needPassword);
    }

    /** The client settings for one engine, auth mode, resumption and TLS provider, on the one HTTP version of --http. */
    ClientSpec spec(String engine, String auth, String resumption, String provider, boolean needPassword) {
        java.util.List<io.restcost.bench.client.HttpSpec> versions = httpSpecs();
        if (versions.size() > 1) {
            throw new IllegalArgumentException("--http " + httpOptions.http + ": this command measures one HTTP version (1.1 or 2); "
                    + "matrix and suite take both");
        }
        return spec(engine, auth, resumption, provider, needPassword, versions.get(0));
    }

    /** The client settings for one engine, auth mode, resumption, TLS provider and HTTP version. */
    ClientSpec spec(String engine, String auth, String resumption, String provider, boolean needPassword,
                    io.restcost.bench.client.HttpSpec httpSpec) {
        URI uri = targetUri();
        if (caCert != null && !Files.isReadable(caCert)) {
            throw new IllegalArgumentException("--ca-cert " + caCert + ": not found or not readable");
        }
        if (trustStore != null && !Files.isReadable(trustStore)) {
            throw new IllegalArgumentException("--truststore " + trustStore + ": not found or not readable");
        }
        if (keyStore != null && !Files.isReadable(keyStore)) {
            throw new IllegalArgumentException("--keystore " + keyStore + ": not found or not readable");
        }
        if (caCert != null && trustStore != null) {
            throw new IllegalArgumentException("give --ca-cert or --truststore, not both");
        }
        char[] password = needPassword ? password() : null;
        char[] keyStorePassword = keyStore == null ? null
                : Secrets.read("keystore-password", keyStorePasswordEnv, keyStorePasswordFile, "Keystore password: ");
        char[] trustStorePassword = trustStore == null ? null
                : Secrets.read("truststore-password", trustStorePasswordEnv, null, "Truststore password: ");
        if (insecure && uri.getScheme().equals("http") && (auth.equalsIgnoreCase("basic") || auth.equalsIgnoreCase("ltpa"))) {
            java.io.PrintWriter err = mixee.commandLine().getErr();
            err.println("restcost: WARNING: --insecure: the password goes over plain http to " + uri.getHost()
                    + "; anyone on the path can read it");
            err.flush();
        }
        if (insecure && uri.getScheme().equals("https")) {
            java.io.PrintWriter err = mixee.commandLine().getErr();
            err.println("restcost: WARNING: --insecure: the server's certificate and host name are NOT verified; "
                    + "anyone on the path can impersonate " + uri.getHost());
            err.flush();
        }
        return new ClientSpec(uri, engine(engine), auth, user, password, caCert, trustStore, trustStorePassword, keyStore,
                keyStorePassword, tlsProtocol, resumption(resumption), insecure, provider(provider), groups(), timeouts.value(),
                httpSpec);
    }

    /** The HTTP versions of --http, each with --connections (see {@link HttpOptions#specs()}). */
    java.util.List<io.restcost.bench.client.HttpSpec> httpSpecs() {
        return httpOptions.specs();
    }

    /** The groups of --tls-groups in standard names, each checked; empty when not given. */
    java.util.List<String> groups() {
        if (tlsGroups == null || tlsGroups.stream().allMatch(ConnectionOptions::blank)) {
            return java.util.List.of();
        }
        try {
            return io.restcost.client.tls.TlsOptions.builder()
                    .groups(tlsGroups.stream().filter(g -> !blank(g)).toArray(String[]::new)).build().groups();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-groups: " + e.getMessage());
        }
    }

    static TlsProvider provider(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "jdk" -> TlsProvider.JDK;
            case "conscrypt" -> TlsProvider.CONSCRYPT;
            default -> throw new IllegalArgumentException("unknown --tls-provider " + name + " (use jdk or conscrypt)");
        };
    }

    private char[] password() {
        if (user == null) {
            throw new IllegalArgumentException("basic and ltpa auth need --user NAME (and --password-env VAR or --password-file FILE)");
        }
        return password != null ? password : Secrets.read("password", passwordEnv, passwordFile, "Password for " + user + ": ");
    }

    /**
     * Treats empty values as not given: {@code mvn verify -Pbench} passes every option, set or
     * not ({@code --target=} when there is no real server).
     */
    void ignoreBlankValues() {
        target = blank(target) ? null : target;
        user = blank(user) ? null : user;
        passwordEnv = blank(passwordEnv) ? null : passwordEnv;
        passwordFile = blank(passwordFile) ? null : passwordFile;
        caCert = blank(caCert) ? null : caCert;
        trustStore = blank(trustStore) ? null : trustStore;
        keyStore = blank(keyStore) ? null : keyStore;
        keyStorePasswordEnv = blank(keyStorePasswordEnv) ? null : keyStorePasswordEnv;
        trustStorePasswordEnv = blank(trustStorePasswordEnv) ? null : trustStorePasswordEnv;
        serverCpu = blank(serverCpu) ? null : serverCpu;
        serverCpuUser = blank(serverCpuUser) ? null : serverCpuUser;
        serverCpuPasswordEnv = blank(serverCpuPasswordEnv) ? null : serverCpuPasswordEnv;
        serverCpuCaCert = blank(serverCpuCaCert) ? null : serverCpuCaCert;
        httpOptions.http = blank(httpOptions.http) ? null : httpOptions.http;
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    URI targetUri() {
        if (blank(target)) {
            throw new IllegalArgumentException("--target is required: the server's base URL, e.g. https://127.0.0.1:9443");
        }
        URI uri;
        try {
            uri = URI.create(target.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--target " + target + " is not a URL (write e.g. https://127.0.0.1:9443)");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("--target " + target + " must be an http:// or https:// URL with a host "
                    + "(write e.g. https://127.0.0.1:9443)");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("--target " + target + " has a path; give the path with --path instead");
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    static EngineChoice engine(String name) {
        return EngineChoice.parse(name);
    }

    static TlsResumption resumption(String value) {
        if (value == null || value.equalsIgnoreCase("default")) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> TlsResumption.RESUME;
            case "off" -> TlsResumption.FULL_HANDSHAKE;
            default -> throw new IllegalArgumentException("unknown --tls-resumption " + value + " (use on or off)");
        };
    }
}
