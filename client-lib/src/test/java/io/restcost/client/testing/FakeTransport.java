package io.restcost.client.testing;

import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.engine.SessionTransport;
import io.restcost.client.internal.engine.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An engine without sockets: each session's exchanges are answered by a function and
 * recorded, so rotation and token handling are tested in milliseconds.
 */
public final class FakeTransport implements Transport {

    /**
     * One exchange a session sent.
     *
     * @param session the session's number, in opening order from 1
     * @param last whether it was sent as the connection's last ({@code Connection: close})
     */
    public record Sent(int session, String method, String path, String cookie, boolean last) {
    }

    private final Function<Sent, RestResponse> answers;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    public FakeTransport(Function<Sent, RestResponse> answers) {
        this.answers = answers;
    }

    /** Answers every exchange 200 with an empty body. */
    public static FakeTransport ok() {
        return new FakeTransport(s -> FakeResponse.of(200));
    }

    @Override
    public SessionTransport openSession(Origin origin, ConnectionHooks hooks) {
        int n = sessions.incrementAndGet();
        return new SessionTransport() {
            @Override
            public RestResponse exchange(RestRequest request, String authorization, String cookie, String csrfToken, boolean last) {
                Sent s = new Sent(n, request.method(), request.path(), cookie, last);
                sent.add(s);
                return answers.apply(s);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public int sessionsOpened() {
        return sessions.get();
    }

    public int sessionsClosed() {
        return closed.get();
    }

    @Override
    public String version() {
        return "fake/1";
    }

    @Override
    public void close() {
    }

    /** A response with a status and optional Set-Cookie headers. */
    public record FakeResponse(int status, List<String> setCookies) implements RestResponse {

        public static FakeResponse of(int status, String... setCookies) {
            return new FakeResponse(status, List.of(setCookies));
        }

        @Override
        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public List<String> headers(String name) {
            return name.equalsIgnoreCase("Set-Cookie") ? setCookies : List.of();
        }

        @Override
        public byte[] body() {
            return new byte[0];
        }
    }
}
