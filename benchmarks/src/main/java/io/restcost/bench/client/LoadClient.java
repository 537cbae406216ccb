package io.restcost.bench.client;

import io.restcost.client.RestClient;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import java.io.IOException;

/** What a run sends its requests with: restcost's client, or a stock client with the drop-in rotation. */
public interface LoadClient extends AutoCloseable {

    /** Sends {@code request}, reads the whole response and returns its status. */
    int send(RestRequest request) throws IOException;

    /**
     * Sends {@code request} as {@link #send} does and returns its status with what the server
     * calls itself: for the check before a run, not for load (it reads a header).
     */
    Answer answer(RestRequest request) throws IOException;

    /**
     * A response's status and its {@code Server} header (null when the server sends none, as
     * Liberty and so mqweb do by default).
     */
    record Answer(int status, String server) {
    }

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
            public Answer answer(RestRequest request) throws IOException {
                RestResponse r = client.execute(request);
                return new Answer(r.status(), r.header("Server"));
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
