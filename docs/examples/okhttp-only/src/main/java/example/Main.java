package example;

import io.restcost.client.Engine;
import io.restcost.client.RestClient;
import io.restcost.client.adapter.DropInRotation;
import io.restcost.client.session.SessionPolicy;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** Builds restcost's client on OkHttp and puts the drop-in rotation on a stock OkHttpClient: no HttpClient 5 needed. */
public class Main {
    public static void main(String[] args) {
        try (RestClient client = RestClient.builder().baseUri(URI.create("https://mqweb.example:9443")).engine(Engine.OKHTTP)
                .policy(SessionPolicy.rotating().maxRequests(50).maxAge(Duration.ofMinutes(10)).jitter(0.2).build()).build()) {
            System.out.println("restcost client on " + client.engineVersion());
        }
        OkHttpClient rotating = DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).build()).build()
                .applyTo(new OkHttpClient());
        System.out.println("drop-in rotation on " + rotating);
        try {
            Class.forName("org.apache.hc.client5.http.impl.classic.HttpClients");
            System.out.println("HttpClient 5 is on the class path");
        } catch (ClassNotFoundException e) {
            System.out.println("no HttpClient 5 on the class path");
        }
    }
}
