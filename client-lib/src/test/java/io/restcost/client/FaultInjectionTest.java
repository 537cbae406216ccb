package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.Tally;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.api.ResponseShaping;
import io.restcost.mock.stats.ExchangeLog.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WireMock's faults at a rate (a connection reset, an empty response, a malformed chunk), each
 * after the server carried the request out. Every request is accounted for: it succeeded or
 * failed by class (or came back corrupt: see {@link #whoAmI}), nothing lost, nothing counted twice. A GET the fault cut off may be sent
 * again; a POST never is, so each message put reached the queue exactly once, and neither is
 * mqweb's destructive get, so each took exactly one message off.
 */
class FaultInjectionTest {

    static final String QUEUE = "DEV.QUEUE.1";
    static final String MESSAGES = "/ibmmq/rest/v2/messaging/qmgr/QM1/queue/" + QUEUE + "/message";
    static final String WHO_AM_I = "/ibmmq/rest/v2/login";
    static final int REQUESTS = 800;
    static final int THREADS = 8;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyRequestIsAccountedForAndNoPostIsSentTwice(Engine engine) throws Exception {
        ResponseShaping faults = ResponseShaping.NONE.withFaults(0.1,
                List.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK));
        try (MockMqWeb mq = Mqweb.mock().responseShaping(faults).start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine)
                     .policy(SessionPolicy.rotating().maxRequests(20).build()).tls(Mqweb.trust(mq))
                     .auth(Auth.basic("mquser", mq.password("mquser").toCharArray())).build()) {
            RestRequest get = RestRequest.get(WHO_AM_I);
            // Even numbers GET who-am-I, odd numbers put a message of their own.
            Tally.Outcomes all = Tally.run(n -> n % 2 == 0 ? whoAmI(client.execute(get))
                    : put(client.execute(RestRequest.builder("POST", MESSAGES)
                            .body("text/plain;charset=utf-8", ("message " + n).getBytes(StandardCharsets.UTF_8)).build())),
                    REQUESTS, THREADS);

            assertThat(all.sent()).isEqualTo(REQUESTS);
            assertThat(all.accounted()).as("%s", all).isEqualTo(REQUESTS);
            assertThat(all.failed()).as("faults at 10%% must fail some requests: %s", all).isPositive();
            assertThat(all.status(200) + all.status(201) + all.corrupt() + all.failed()).as("%s", all).isEqualTo(REQUESTS);

            // Each success was one complete answer from the server, none invented or doubled.
            assertThat(count(mq, e -> e.path().equals(WHO_AM_I) && e.status() == 200)).as("%s", all).isEqualTo(all.status(200));
            assertThat(count(mq, e -> e.path().equals(MESSAGES) && e.status() == 201)).isEqualTo(all.status(201));
            // Every POST reached the server exactly once, whether its answer came back or a fault lost it:
            // the queue holds one message per POST sent, never two.
            long posts = REQUESTS / 2;
            assertThat(count(mq, e -> e.method().equals("POST") && e.path().equals(MESSAGES))).isEqualTo(posts);
            assertThat(mq.queueManager().queue(QUEUE).depth()).isEqualTo((int) posts);
            // A GET the fault cut off may have been sent again; it is still counted once by the client.
            assertThat(count(mq, e -> e.path().equals(WHO_AM_I))).isGreaterThanOrEqualTo(REQUESTS / 2);

            // mqweb's destructive get (DELETE .../message) takes a message each time it arrives: never sent twice either.
            int gets = 200;
            Tally.Outcomes taken = Tally.run(n -> client.execute(RestRequest.delete(MESSAGES)).status(), gets, THREADS);
            assertThat(taken.accounted()).as("%s", taken).isEqualTo(gets);
            assertThat(taken.status(200) + taken.failed()).as("%s", taken).isEqualTo(gets);
            assertThat(count(mq, e -> e.method().equals("DELETE") && e.path().equals(MESSAGES))).isEqualTo(gets);
            assertThat(mq.queueManager().queue(QUEUE).depth()).isEqualTo((int) posts - gets);
        }
    }

    /**
     * A malformed-chunk fault on a response that ends with its connection (the session's last,
     * {@code Connection: close}) has no chunking to break: Jetty sends it delimited by the close,
     * so the client reads a whole 200 whose body is WireMock's garbage. Counted apart, as corrupt.
     */
    static int whoAmI(RestResponse r) {
        return r.status() == 200 && !r.bodyAsString().contains("\"mquser\"") ? Tally.CORRUPT : r.status();
    }

    static int put(RestResponse r) {
        return r.status() == 200 ? Tally.CORRUPT : r.status();
    }

    private static long count(MockMqWeb mq, Predicate<Exchange> p) {
        return mq.exchanges().stream().filter(p).count();
    }
}
