package io.restcost.client.testing;

import io.restcost.client.Engine;
import io.restcost.client.RestClient;
import io.restcost.client.adapter.DropInRotation;
import io.restcost.client.session.SessionPolicy;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/** As {@link OkHttpOnlyMain}, for an application that uses HttpClient 5 alone, with no OkHttp on its class path. */
public final class ApacheOnlyMain {

    private ApacheOnlyMain() {
    }

    public static void main(String[] args) throws Exception {
        try (RestClient client = RestClient.builder().baseUri(URI.create("https://127.0.0.1:9443")).build()) {
            System.out.println("built " + client.engineVersion());
        }
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create();
        HttpClientBuilder builder = HttpClients.custom();
        DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).build()).build().applyTo(connections, builder);
        try (CloseableHttpClient rotating = builder.setConnectionManager(connections.build()).build()) {
            System.out.println("drop-in on " + rotating.getClass().getSimpleName());
        }
        try {
            RestClient.builder().baseUri(URI.create("https://127.0.0.1:9443")).engine(Engine.OKHTTP).build().close();
            System.out.println("OkHttp was built without its library");
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
