package io.restcost.bench.client;

import io.restcost.client.RestClient;
import io.restcost.client.http.RestRequest;
import java.io.IOException;

/** What a run sends its requests with: restcost's client, or a stock client with the drop-in rotation. */
public interface LoadClient extends AutoCloseable {

    /** Sends {@code request}, reads the whole response and returns its status. */
    int send(RestRequest request) throws IOException;

    /** The engine library and version, e.g. {@code okhttp/5.5.1}. */
    String engineVersion();

    @Override
    void close();

    /** restcost's own client as a load client. */
    static LoadClient of(RestClient client) {
        return new LoadClient() {
            @Override
            public int send(RestRequest request) throws IOException {
                return client.execute(request).status();
            }

            @Override
            public String engineVersion() {
                return client.engineVersion();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
