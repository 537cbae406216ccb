package io.restcost.client.testing;

import io.restcost.client.adapter.DropInRotation;
import io.restcost.kit.PemTrust;
import io.restcost.mock.MockMqWeb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * Stock HttpClient 5 and OkHttp clients as an application would build them, trusting the
 * mock's CA, with a drop-in rotation applied: what the adapter tests and the README drive.
 */
public final class StockClients {

    private StockClients() {
    }

    /** A JDK SSLContext and trust manager (OkHttp wants both). */
    public record Trust(SSLContext context, X509TrustManager manager) {
    }

    /** A JDK SSLContext and trust manager trusting the mock's CA. */
    public static Trust trust(MockMqWeb mq) throws IOException, GeneralSecurityException {
        return trust(mq.caPem());
    }

    /** A JDK SSLContext and trust manager trusting the CA in {@code caPem}, as an application builds one. */
    public static Trust trust(Path caPem) throws IOException, GeneralSecurityException {
        PemTrust.Trust t = PemTrust.context(caPem, null, null);
        return new Trust(t.context(), t.manager());
    }

    /** The Authorization header value of the mock's mqadmin. */
    public static String basic(MockMqWeb mq) {
        return "Basic " + Base64.getEncoder().encodeToString((Mqweb.USER + ":" + mq.password(Mqweb.USER))
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A pooled HttpClient 5 of up to {@code connections} connections with {@code rotation}
     * applied; with {@code basicAuth} it sends mqadmin's credentials on every request.
     */
    public static CloseableHttpClient apache(MockMqWeb mq, DropInRotation rotation, int connections, boolean basicAuth)
            throws IOException, GeneralSecurityException {
        PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(trust(mq).context()))
                .setMaxConnPerRoute(connections).setMaxConnTotal(connections);
        HttpClientBuilder b = HttpClients.custom().disableCookieManagement();
        if (basicAuth) {
            b.setDefaultHeaders(List.of(new BasicHeader("Authorization", basic(mq))));
        }
        rotation.applyTo(cm, b);
        return b.setConnectionManager(cm.build()).build();
    }

    /** An OkHttp client speaking HTTP/1.1 with {@code rotation} applied; with {@code basicAuth}, mqadmin's credentials. */
    public static OkHttpClient okhttp(MockMqWeb mq, DropInRotation rotation, boolean basicAuth)
            throws IOException, GeneralSecurityException {
        return okhttp(mq, rotation, basicAuth, List.of(Protocol.HTTP_1_1));
    }

    /**
     * As {@link #okhttp(MockMqWeb, DropInRotation, boolean)}, offering {@code protocols} by ALPN:
     * OkHttp's default, HTTP/2 then HTTP/1.1, is what most applications run with.
     */
    public static OkHttpClient okhttp(MockMqWeb mq, DropInRotation rotation, boolean basicAuth, List<Protocol> protocols)
            throws IOException, GeneralSecurityException {
        Trust t = trust(mq);
        OkHttpClient.Builder b = new OkHttpClient.Builder().sslSocketFactory(t.context().getSocketFactory(), t.manager())
                .protocols(protocols).readTimeout(30, TimeUnit.SECONDS);
        if (basicAuth) {
            String header = basic(mq);
            b.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
        }
        return rotation.applyTo(b.build());
    }

    /** A stock client of either engine sending GETs to absolute URLs, as an application that calls several services does. */
    public interface UrlClient extends AutoCloseable {
        /** GETs {@code url}, reads the body whole and returns the status. */
        int get(String url) throws IOException;

        @Override
        void close() throws IOException;
    }

    /**
     * A stock HttpClient 5 ({@code apache}) or OkHttp ({@code okhttp}) client trusting {@code caPem},
     * redirects followed as each engine does by default, cookies off, {@code rotation} applied;
     * {@code okhttpCustomizer} may set OkHttp options first (a call timeout, say).
     */
    public static UrlClient urlClient(String engine, Path caPem, DropInRotation rotation,
                                      java.util.function.UnaryOperator<OkHttpClient.Builder> okhttpCustomizer)
            throws IOException, GeneralSecurityException {
        Trust t = trust(caPem);
        if (engine.equals("apache")) {
            PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                    .setTlsSocketStrategy(new DefaultClientTlsStrategy(t.context()));
            HttpClientBuilder b = HttpClients.custom().disableCookieManagement();
            rotation.applyTo(cm, b);
            CloseableHttpClient c = b.setConnectionManager(cm.build()).build();
            return new UrlClient() {
                @Override
                public int get(String url) throws IOException {
                    return c.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url), r -> {
                        org.apache.hc.core5.http.io.entity.EntityUtils.consume(r.getEntity());
                        return r.getCode();
                    });
                }

                @Override
                public void close() throws IOException {
                    c.close();
                }
            };
        }
        OkHttpClient.Builder b = new OkHttpClient.Builder().sslSocketFactory(t.context().getSocketFactory(), t.manager())
                .protocols(List.of(Protocol.HTTP_1_1));
        OkHttpClient c = rotation.applyTo(okhttpCustomizer.apply(b).build());
        return new UrlClient() {
            @Override
            public int get(String url) throws IOException {
                try (okhttp3.Response r = c.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
                    r.body().bytes();
                    return r.code();
                }
            }

            @Override
            public void close() {
                c.connectionPool().evictAll();
                c.dispatcher().executorService().shutdown();
            }
        };
    }
}
