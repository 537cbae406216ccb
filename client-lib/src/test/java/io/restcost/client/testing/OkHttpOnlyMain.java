package io.restcost.client.testing;

import io.restcost.client.Engine;
import io.restcost.client.RestClient;
import io.restcost.client.adapter.DropInRotation;
import io.restcost.client.session.SessionPolicy;
import java.net.URI;
import okhttp3.OkHttpClient;

/**
 * An application that uses OkHttp alone, run with no HttpClient 5 on its class path
 * ({@code EnginesOnTheClassPathTest}): restcost's client and the drop-in work, and asking for
 * the other engine says which artifact to add.
 */
public final class OkHttpOnlyMain {

    private OkHttpOnlyMain() {
    }

    public static void main(String[] args) {
        try (RestClient client = RestClient.builder().baseUri(URI.create("https://127.0.0.1:9443")).engine(Engine.OKHTTP).build()) {
            System.out.println("built " + client.engineVersion());
        }
        OkHttpClient rotating = DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).build()).build()
                .applyTo(new OkHttpClient());
        System.out.println("drop-in on " + rotating.getClass().getSimpleName());
        try {
            RestClient.builder().baseUri(URI.create("https://127.0.0.1:9443")).build().close();
            System.out.println("the default engine was built without its library");
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
