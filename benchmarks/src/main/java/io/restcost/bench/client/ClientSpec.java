package io.restcost.bench.client;

import static io.restcost.bench.setting.Setting.*;

import io.restcost.client.RestClient;
import io.restcost.client.auth.Auth;
import io.restcost.client.http.HostResolver;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsProvider;
import io.restcost.client.tls.TlsResumption;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import io.restcost.bench.setting.SettingException;
import java.util.Locale;

/**
 * How to reach and authenticate to a target, as the command line gives it. Passwords are
 * held as {@code char[]} and never printed ({@link #toString()} leaves them out).
 *
 * @param authMode none, basic, ltpa or cert
 * @param tlsProtocol {@code 1.2}, {@code 1.3} or null for both
 * @param resumption null: the policy's default (one-shot never resumes, the others do)
 * @param tlsProvider the TLS implementation of restcost's own engines
 * @param tlsGroups the key-exchange groups to offer; empty for the provider's defaults
 * @param timeouts how long a request may wait to connect and for its response; null for the defaults
 * @param http the HTTP spoken; null for HTTP/1.1
 */
public record ClientSpec(URI target, EngineChoice engine, String authMode, String user, char[] password, Path caCert,
        Path trustStore, char[] trustStorePassword, Path keyStore, char[] keyStorePassword, String tlsProtocol,
        TlsResumption resumption, boolean insecure, TlsProvider tlsProvider, List<String> tlsGroups, Timeouts timeouts, HttpSpec http) {

    /** @throws SettingException naming the settings when the combination cannot work */
    public ClientSpec {
        authMode = authMode.toLowerCase(Locale.ROOT);
        switch (authMode) {
            case "none", "cert" -> { }
            case "basic", "ltpa" -> {
                if (user == null || password == null) {
                    String mode = authMode;
                    throw new SettingException(n -> n.apply(AUTH) + " " + mode + " needs " + n.apply(USER) + " and " + n.apply(PASSWORD));
                }
            }
            default -> {
                String mode = authMode;
                throw new SettingException(n -> "unknown " + n.apply(AUTH) + " " + mode + " (use none, basic, ltpa or cert)");
            }
        }
        if ((authMode.equals("basic") || authMode.equals("ltpa")) && !"https".equalsIgnoreCase(target.getScheme()) && !insecure) {
            String mode = authMode;
            throw new SettingException(n -> n.apply(TARGET) + " " + target + ": " + n.apply(AUTH) + " " + mode + " would send the "
                    + "password over plain http; give the https:// URI, or " + n.apply(INSECURE) + " on a throw-away test server");
        }
        if (authMode.equals("cert") && keyStore == null) {
            throw new SettingException(n -> n.apply(AUTH) + " cert needs the client certificate: give " + n.apply(CLIENT_CERTIFICATE));
        }
        if (engine.stock() && resumption == TlsResumption.FULL_HANDSHAKE) {
            throw new SettingException(n -> n.apply(ENGINE) + " " + engine.tag() + " keeps the application's own TLS, which resumes "
                    + "sessions: " + n.apply(TLS_RESUMPTION) + " off needs restcost's engines (apache or okhttp)");
        }
        if (tlsProvider == null) {
            tlsProvider = TlsProvider.JDK;
        }
        if (timeouts == null) {
            timeouts = Timeouts.DEFAULT;
        }
        tlsGroups = tlsGroups == null ? List.of() : List.copyOf(tlsGroups);
        stockTls(engine, tlsGroups, tlsProvider);
        if (engine.stock() && authMode.equals("cert") && caCert == null && trustStore == null && !insecure) {
            throw new SettingException(n -> n.apply(ENGINE) + " " + engine.tag() + " with " + n.apply(AUTH) + " cert needs "
                    + n.apply(CA_OR_TRUSTSTORE));
        }
        http = (http == null ? HttpSpec.DEFAULT : http).checkedFor(engine);
        if (http.http2() && !"https".equalsIgnoreCase(target.getScheme())) {
            throw new SettingException(n -> n.apply(HTTP) + " 2 is negotiated by ALPN, in TLS: it needs an https:// " + n.apply(TARGET)
                    + ", not " + target);
        }
        if (tlsProtocol != null && !tlsProtocol.equals("1.2") && !tlsProtocol.equals("1.3")) {
            String version = tlsProtocol;
            throw new SettingException(n -> "unknown " + n.apply(TLS_PROTOCOL) + " " + version + " (use 1.2 or 1.3)");
        }
    }

    /** A stock client keeps the application's own TLS: restcost's TLS settings are refused for it. */
    private static void stockTls(EngineChoice engine, List<String> tlsGroups, TlsProvider tlsProvider) {
        if (engine.stock() && !tlsGroups.isEmpty()) {
            throw new SettingException(n -> n.apply(ENGINE) + " " + engine.tag() + " keeps the application's own TLS: "
                    + n.apply(TLS_GROUPS) + " needs restcost's engines (apache or okhttp)");
        }
        if (engine.stock() && tlsProvider != TlsProvider.JDK) {
            String provider = tlsProvider.name().toLowerCase(java.util.Locale.ROOT);
            throw new SettingException(n -> n.apply(ENGINE) + " " + engine.tag() + " keeps the application's own TLS (the JDK's): "
                    + n.apply(TLS_PROVIDER) + " " + provider + " needs restcost's engines (apache or okhttp)");
        }
    }

    public ClientSpec with(EngineChoice newEngine, String newAuthMode, TlsResumption newResumption, TlsProvider newProvider) {
        return new ClientSpec(target, newEngine, newAuthMode, user, password, caCert, trustStore, trustStorePassword, keyStore,
                keyStorePassword, tlsProtocol, newResumption, insecure, newProvider, tlsGroups, timeouts, http);
    }

    /** The same client settings on another HTTP. */
    public ClientSpec with(HttpSpec newHttp) {
        return new ClientSpec(target, engine, authMode, user, password, caCert, trustStore, trustStorePassword, keyStore,
                keyStorePassword, tlsProtocol, resumption, insecure, tlsProvider, tlsGroups, timeouts, newHttp);
    }

    /** The same client settings with other timeouts. */
    public ClientSpec with(Timeouts newTimeouts) {
        return new ClientSpec(target, engine, authMode, user, password, caCert, trustStore, trustStorePassword, keyStore,
                keyStorePassword, tlsProtocol, resumption, insecure, tlsProvider, tlsGroups, newTimeouts, http);
    }

    public boolean https() {
        return "https".equalsIgnoreCase(target.getScheme());
    }

    /**
     * A client of this target under {@code policy}, reporting to {@code listener}: restcost's
     * own, or a stock client with the drop-in rotation.
     *
     * @param connections the most connections a stock client may hold (the run's concurrency)
     */
    public LoadClient build(SessionPolicy policy, RestClientListener listener, int connections) {
        if (engine.stock()) {
            return DropInClient.open(this, policy, connections, listener);
        }
        return LoadClient.of(loadBuilder().policy(policy).auth(auth()).tls(tls(resumption)).listener(listener).build());
    }

    /**
     * As {@link #build(SessionPolicy, RestClientListener, int)}, each session's connection
     * going where {@code resolver} says: restcost's engines only.
     *
     * @throws IllegalArgumentException for a stock engine, whose connections are its own
     */
    public LoadClient build(SessionPolicy policy, RestClientListener listener, HostResolver resolver) {
        if (engine.stock()) {
            throw new SettingException(n -> n.apply(ENGINE) + " " + engine.tag() + " keeps the application's own connections: "
                    + "spreading them over servers needs restcost's engines (apache or okhttp)");
        }
        return LoadClient.of(loadBuilder().policy(policy).auth(auth()).tls(tls(resumption)).listener(listener).resolver(resolver).build());
    }

    /** restcost's client of this target and engine; a password over plain http only with --insecure. */
    private io.restcost.client.RestClientBuilder builder() {
        io.restcost.client.RestClientBuilder b = RestClient.builder().baseUri(target).engine(engine.engine())
                .connectTimeout(timeouts.connect()).readTimeout(timeouts.response());
        return insecure && !https() ? b.insecureCredentialsOverHttp() : b;
    }

    /** restcost's client that sends the load: on the HTTP asked for. */
    private io.restcost.client.RestClientBuilder loadBuilder() {
        io.restcost.client.RestClientBuilder b = builder().httpVersion(http.clientVersion());
        return http.connections() > 0 ? b.connectionsPerOrigin(http.connections()) : b;
    }

    /** A pooled HTTP/1.1 client with no credentials, for the server's stats endpoint. */
    public RestClient buildProbe() {
        return builder().policy(SessionPolicy.pooled()).auth(Auth.none()).tls(tls(TlsResumption.RESUME)).build();
    }

    /** The TLS protocol names offered, as {@code summary.json} reports them; null for plain HTTP. */
    public String protocolName() {
        if (!https()) {
            return null;
        }
        return tlsProtocol == null ? "TLSv1.3,TLSv1.2" : "TLSv" + tlsProtocol;
    }

    private Auth auth() {
        return switch (authMode) {
            case "basic" -> Auth.basic(user, password);
            case "ltpa" -> Auth.ltpa(user, password);
            case "cert" -> Auth.clientCertificate();
            default -> Auth.none();
        };
    }

    private TlsOptions tls(TlsResumption r) {
        TlsOptions.Builder b = TlsOptions.builder();
        if (insecure) {
            b.insecureTrustAll();
        } else if (caCert != null) {
            b.trustPem(caCert);
        } else if (trustStore != null) {
            b.trustStore(trustStore, trustStorePassword);
        }
        if (keyStore != null) {
            b.keyStore(keyStore, keyStorePassword);
        }
        if (tlsProtocol != null) {
            b.protocols("TLSv" + tlsProtocol);
        }
        if (r != null) {
            b.resumption(r);
        }
        b.provider(tlsProvider);
        if (!tlsGroups.isEmpty()) {
            b.groups(tlsGroups.toArray(new String[0]));
        }
        return b.build();
    }

    @Override
    public String toString() {
        return target + " engine=" + engine + " tls=" + tlsProvider + (tlsGroups.isEmpty() ? "" : " groups=" + String.join(",", tlsGroups)) + " auth=" + authMode + (user == null ? "" : " user=" + user);
    }
}
