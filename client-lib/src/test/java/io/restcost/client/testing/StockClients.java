package io.restcost.client.testing;

import io.restcost.client.adapter.DropInRotation;
import io.restcost.mock.MockMqWeb;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

    /** A JDK SSLContext and trust manager trusting the mock's CA. */
    public record Trust(SSLContext context, X509TrustManager manager) {
    }

    public static Trust trust(MockMqWeb mq) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(mq.caPem())) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return new Trust(ctx, (X509TrustManager) tmf.getTrustManagers()[0]);
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
        Trust t = trust(mq);
        OkHttpClient.Builder b = new OkHttpClient.Builder().sslSocketFactory(t.context().getSocketFactory(), t.manager())
                .protocols(List.of(Protocol.HTTP_1_1)).readTimeout(30, TimeUnit.SECONDS);
        if (basicAuth) {
            String header = basic(mq);
            b.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
        }
        return rotation.applyTo(b.build());
    }
}
