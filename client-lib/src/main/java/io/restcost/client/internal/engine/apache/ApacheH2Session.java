package io.restcost.client.internal.engine.apache;

import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.engine.EngineSettings;
import io.restcost.client.internal.engine.SessionTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.H2AsyncClientBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * One session on HTTP/2 over HttpClient 5's asynchronous HTTP/2 client, behind the same
 * blocking exchange as the classic one: the calling thread waits for its stream's whole
 * response. The client is the session's own, with one I/O thread, and its HTTP/2 pool holds
 * one connection to the origin, which every stream the session is lent shares; closing the
 * session closes it. No request is retried by the engine, and the engine adds, follows and
 * remembers nothing (cookies, redirects, authentication are restcost's).
 */
final class ApacheH2Session implements SessionTransport {

    private static final byte[] EMPTY = new byte[0];

    private final HttpHost host;
    private final CloseableHttpAsyncClient client;
    private final long waitMillis;

    ApacheH2Session(HttpHost host, EngineSettings settings, DnsResolver dns, ConnectionHooks hooks) {
        this.host = host;
        ObservedH2Connections observed = new ObservedH2Connections(hooks, dns, settings.tls(), host.getPort());
        Timeout connect = Timeout.ofMilliseconds(settings.connectTimeout().toMillis());
        Timeout read = Timeout.ofMilliseconds(settings.readTimeout().toMillis());
        this.client = H2AsyncClientBuilder.create()
                .setTlsStrategy(observed)
                .setDnsResolver(observed)
                .setIOSessionListener(observed)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).setTcpNoDelay(true).setSoTimeout(read).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .setThreadFactory(new DefaultThreadFactory("restcost-h2-" + host.toHostString(), true))
                .setUserAgent(settings.userAgent())
                .disableCookieManagement()
                .disableAuthCaching()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .build();
        this.client.start();
        // The engine's own timeouts end a stream first; this only keeps a lost answer from holding a thread forever.
        this.waitMillis = settings.connectTimeout().toMillis() + 2 * settings.readTimeout().toMillis();
    }

    @Override
    public RestResponse exchange(RestRequest request, String authorization, String cookie, String csrfToken, boolean last)
            throws IOException {
        // On HTTP/2 a connection is never closed by a request's header (the pool drains it): last is never true here.
        SimpleHttpRequest r = new SimpleHttpRequest(request.method(), host, request.path());
        ApacheSession.headers(r, request, authorization, cookie, csrfToken);
        if (request.body() != null) {
            r.setBody(request.body(), ContentType.parse(request.contentType()));
        }
        Future<SimpleHttpResponse> answer = client.execute(SimpleRequestProducer.create(r), SimpleResponseConsumer.create(), null);
        try {
            SimpleHttpResponse response = answer.get(waitMillis, TimeUnit.MILLISECONDS);
            byte[] body = response.getBodyBytes();
            return new ApacheResponse(response.getCode(), response.getHeaders(), body == null ? EMPTY : body);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new SocketTimeoutException("no answer from " + host + " in " + waitMillis + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + host);
        }
    }

    @Override
    public void close() {
        // Called once its streams have ended (the pool drains a session before retiring it).
        client.close(CloseMode.GRACEFUL);
    }
}
