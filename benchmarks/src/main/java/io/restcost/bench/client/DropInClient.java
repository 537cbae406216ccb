package io.restcost.bench.client;

import static io.restcost.bench.setting.Setting.SERVER_CPU;

import io.restcost.bench.setting.SettingException;
import io.restcost.client.adapter.DropInRotation;
import io.restcost.client.auth.Auth;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.kit.PemTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.TlsVersion;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.core5.util.VersionInfo;

/**
 * A stock HttpClient 5 or OkHttp client as an application builds one (a pooled client, the
 * JDK's TLS over the trust given, credentials in a header or a client certificate), with
 * restcost's drop-in rotation applied: {@code --engine apache-dropin} and {@code okhttp-dropin}.
 */
public final class DropInClient {

    private DropInClient() {
    }

    /**
     * @param connections the most connections the client may hold (the run's concurrency)
     * @param listener where the rotation reports connections, handshakes and logins
     */
    static LoadClient open(ClientSpec spec, SessionPolicy policy, int connections, RestClientListener listener) {
        DropInRotation.Builder b = DropInRotation.builder(policy).listener(listener);
        if (spec.authMode().equals("ltpa")) {
            b.auth(Auth.ltpa(spec.user(), spec.password()), spec.target());
            if (!spec.https() && spec.insecure()) {
                b.insecureCredentialsOverHttp();
            }
        }
        DropInRotation rotation = b.build();
        String authorization = spec.authMode().equals("basic") ? "Basic " + Base64.getEncoder().encodeToString(
                (spec.user() + ":" + new String(spec.password())).getBytes(StandardCharsets.UTF_8)) : null;
        try {
            PemTrust.Trust tls = spec.https() ? tls(spec) : null;
            return spec.engine().engine() == io.restcost.client.Engine.OKHTTP
                    ? okhttp(spec, rotation, tls, authorization, connections)
                    : apache(spec, rotation, tls, authorization, connections);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS for the " + spec.engine().tag() + " client: " + e.getMessage(), e);
        }
    }

    /**
     * The trust for an https metrics URL: its own CA when given, else the target's.
     *
     * @throws IllegalArgumentException naming the file when the trust cannot be built
     */
    public static SSLContext metricsTls(ClientSpec spec, java.nio.file.Path caCert) {
        try {
            if (caCert != null) {
                return PemTrust.context(caCert, null, null).context();
            }
            return tls(new ClientSpec(spec.target(), EngineChoice.APACHE, "none", null, null, spec.caCert(), spec.trustStore(),
                    spec.trustStorePassword(), null, null, null, null, spec.insecure(), null, null, null, null)).context();
        } catch (GeneralSecurityException | IOException e) {
            String why = e.getMessage();
            throw new SettingException(n -> n.apply(SERVER_CPU) + ": cannot set up TLS for the metrics URL: " + why);
        }
    }

    private static PemTrust.Trust tls(ClientSpec spec) throws GeneralSecurityException, IOException {
        if (spec.insecure()) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {TrustAll.INSTANCE}, null);
            return new PemTrust.Trust(ctx, TrustAll.INSTANCE);
        }
        if (spec.caCert() != null) {
            return PemTrust.context(spec.caCert(), spec.keyStore(), spec.keyStorePassword());
        }
        KeyStore trusted = null;
        if (spec.trustStore() != null) {
            trusted = KeyStore.getInstance(spec.trustStore().toString().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12");
            try (InputStream in = Files.newInputStream(spec.trustStore())) {
                trusted.load(in, spec.trustStorePassword());
            }
        }
        return PemTrust.context(trusted, spec.keyStore(), spec.keyStorePassword());
    }

    private static String[] protocols(ClientSpec spec) {
        return spec.tlsProtocol() == null ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv" + spec.tlsProtocol()};
    }

    private static LoadClient apache(ClientSpec spec, DropInRotation rotation, PemTrust.Trust tls, String authorization,
            int connections) {
        PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(connections).setMaxConnTotal(connections);
        if (tls != null) {
            cm.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls.context(), protocols(spec), null, SSLBufferMode.STATIC,
                    spec.insecure() ? NoopHostnameVerifier.INSTANCE : null));
        }
        HttpClientBuilder b = HttpClients.custom().disableCookieManagement().disableRedirectHandling();
        if (authorization != null) {
            b.setDefaultHeaders(List.of(new BasicHeader("Authorization", authorization)));
        }
        rotation.applyTo(cm, b, ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(spec.timeouts().connect().toMillis()))
                .setSocketTimeout(Timeout.ofMilliseconds(spec.timeouts().response().toMillis())).build());
        CloseableHttpClient client = b.setConnectionManager(cm.build()).build();
        URI base = spec.target();
        VersionInfo vi = VersionInfo.loadVersionInfo("org.apache.hc.client5", DropInClient.class.getClassLoader());
        String version = "httpclient5/" + (vi == null ? "unknown" : vi.getRelease()) + " (stock, drop-in rotation)";
        return new LoadClient() {
            @Override
            public int send(RestRequest request) throws IOException {
                return client.execute(apacheRequest(base, request), STATUS);
            }

            @Override
            public Answer answer(RestRequest request) throws IOException {
                return client.execute(apacheRequest(base, request), ANSWER);
            }

            @Override
            public String engineVersion() {
                return version;
            }

            @Override
            public void close() {
                client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
                rotation.clientsClosed();
            }
        };
    }

    private static LoadClient okhttp(ClientSpec spec, DropInRotation rotation, PemTrust.Trust tls, String authorization,
            int connections) {
        OkHttpClient.Builder b = okhttpBuilder(spec, tls, connections);
        if (authorization != null) {
            b.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", authorization).build()));
        }
        OkHttpClient client = rotation.applyTo(b.build());
        String base = spec.target().toString();
        String version = "okhttp/" + OkHttp.VERSION + " (stock, drop-in rotation)";
        return new LoadClient() {
            @Override
            public int send(RestRequest request) throws IOException {
                try (Response response = exchange(request)) {
                    return response.code();
                }
            }

            @Override
            public Answer answer(RestRequest request) throws IOException {
                try (Response response = exchange(request)) {
                    return new Answer(response.code(), response.header("Server"));
                }
            }

            /** Sends {@code request} and reads its body whole; the caller closes the response. */
            private Response exchange(RestRequest request) throws IOException {
                Response response = client.newCall(okhttpRequest(base, request)).execute();
                try {
                    if (response.body() != null) {
                        response.body().bytes();
                    }
                } catch (IOException | RuntimeException e) {
                    response.close();
                    throw e;
                }
                return response;
            }

            @Override
            public String engineVersion() {
                return version;
            }

            @Override
            public void close() {
                client.connectionPool().evictAll();
                client.dispatcher().executorService().shutdown();
                rotation.clientsClosed();
            }
        };
    }

    /** A stock OkHttp client as an application builds one: the run's HTTP version, timeouts, TLS and pool, no redirects. */
    private static OkHttpClient.Builder okhttpBuilder(ClientSpec spec, PemTrust.Trust tls, int connections) {
        // HTTP/2 where the server offers it (OkHttp's own default), or HTTP/1.1 only.
        List<Protocol> protocols = spec.http().http2() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)
                : List.of(Protocol.HTTP_1_1);
        OkHttpClient.Builder b = new OkHttpClient.Builder().protocols(protocols)
                .connectTimeout(spec.timeouts().connect()).readTimeout(spec.timeouts().response())
                .followRedirects(false).followSslRedirects(false)
                .connectionPool(new okhttp3.ConnectionPool(connections, 5, TimeUnit.MINUTES));
        if (tls != null) {
            b.sslSocketFactory(tls.context().getSocketFactory(), tls.manager());
            List<TlsVersion> versions = new ArrayList<>();
            for (String p : protocols(spec)) {
                versions.add(TlsVersion.forJavaName(p));
            }
            b.connectionSpecs(List.of(new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                    .tlsVersions(versions.toArray(new TlsVersion[0])).build()));
            if (spec.insecure()) {
                b.hostnameVerifier((host, session) -> true);
            }
        } else {
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return b;
    }

    /** Reads an HttpClient 5 response whole and takes its status: the same handler for every request, nothing allocated. */
    private static final HttpClientResponseHandler<Integer> STATUS = response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
    };

    /** As {@link #STATUS}, with the {@code Server} header: for the check before a run. */
    private static final HttpClientResponseHandler<LoadClient.Answer> ANSWER = response -> {
        EntityUtils.consume(response.getEntity());
        org.apache.hc.core5.http.Header server = response.getFirstHeader("Server");
        return new LoadClient.Answer(response.getCode(), server == null ? null : server.getValue());
    };

    /** {@code request} as HttpClient 5's, to {@code base}: its headers, mqweb's CSRF header where it needs one, and its body. */
    private static BasicClassicHttpRequest apacheRequest(URI base, RestRequest request) {
        BasicClassicHttpRequest r = new BasicClassicHttpRequest(request.method(), base.resolve(request.path()));
        for (int i = 0; i < request.headerCount(); i++) {
            r.addHeader(request.headerName(i), request.headerValue(i));
        }
        if (request.needsCsrfHeader()) {
            r.setHeader("ibm-mq-rest-csrf-token", "restcost");
        }
        if (request.body() != null) {
            r.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        }
        return r;
    }

    /** {@code request} as OkHttp's, to {@code base}: its headers, mqweb's CSRF header where it needs one, and its body. */
    private static Request okhttpRequest(String base, RestRequest request) {
        Request.Builder r = new Request.Builder().url(base + request.path());
        for (int i = 0; i < request.headerCount(); i++) {
            r.addHeader(request.headerName(i), request.headerValue(i));
        }
        if (request.needsCsrfHeader()) {
            r.header("ibm-mq-rest-csrf-token", "restcost");
        }
        RequestBody body = request.body() == null ? null : RequestBody.create(request.body(), MediaType.get(request.contentType()));
        if (body == null && (request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH"))) {
            body = RequestBody.create(new byte[0], null);
        }
        return r.method(request.method(), body).build();
    }

    /** Accepts any server: only behind {@code --insecure}, which the command line announces. */
    private enum TrustAll implements X509TrustManager {
        INSTANCE;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
