package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.Tally;
import io.restcost.mock.MockMqWeb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server whose idle timeout (300 ms) is shorter than the client's: every request below
 * meets a connection the server closed while it sat idle. A GET is sent again on a new
 * connection and succeeds; a POST is not, since the client cannot tell whether it arrived,
 * so it fails with a message that says so and names the fix, and the server carried out
 * exactly the POSTs that succeeded.
 */
class IdleTimeoutTest {

    static final String MESSAGES = "/ibmmq/rest/v2/messaging/qmgr/QM1/queue/DEV.QUEUE.2/message";
    static final int ROUNDS = 4;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void staleConnectionsAreRetriedForIdempotentRequestsOnly(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().idleTimeout(Duration.ofMillis(300)).start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(SessionPolicy.pooled())
                     .tls(Mqweb.trust(mq)).auth(Auth.basic("mquser", mq.password("mquser").toCharArray())).build()) {
            RestRequest get = RestRequest.get("/ibmmq/rest/v2/login");
            assertThat(client.execute(get).status()).isEqualTo(200);
            // One thread; each request waits out the server's idle timeout first. Even: GET; odd: POST.
            Tally.Outcomes all = Tally.run(n -> {
                Mqweb.awaitAllClosed(mq);
                return n % 2 == 0 ? client.execute(get).status()
                        : client.execute(RestRequest.builder("POST", MESSAGES)
                                .body("text/plain;charset=utf-8", ("put " + n).getBytes(StandardCharsets.UTF_8)).build()).status();
            }, 2 * ROUNDS, 1);

            assertThat(all.accounted()).as("%s", all).isEqualTo(2 * ROUNDS);
            // Every GET met a closed connection and was sent again on a new one.
            assertThat(all.status(200)).as("%s", all).isEqualTo(ROUNDS);
            // A POST is never sent twice: each either succeeded or failed, and the server put exactly the successes.
            assertThat(all.status(201) + all.failed()).as("%s", all).isEqualTo(ROUNDS);
            assertThat(mq.queueManager().queue("DEV.QUEUE.2").depth()).isEqualTo((int) all.status(201));
            assertThat(mq.exchanges().stream().filter(e -> e.method().equals("POST")).count()).isEqualTo(all.status(201));
            // The server saw each GET once, on a connection of its own: the stale one carried nothing.
            assertThat(mq.exchanges().stream().filter(e -> e.method().equals("GET")).count()).isEqualTo(1 + ROUNDS);
            // Neither engine checks a connection idle for under 2 s (Apache) or 10 s (OkHttp) before a POST,
            // so each of these met the closed connection; the failure says why it was not sent again, and the fix.
            assertThat(all.failed()).as("%s", all).isEqualTo(ROUNDS);
            assertThat(client.execute(get).status()).isEqualTo(200);
            Mqweb.awaitAllClosed(mq);
            assertThatThrownBy(() -> client.execute(RestRequest.builder("POST", MESSAGES).body("text/plain", new byte[] {1}).build()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("POST " + MESSAGES + " failed on a reused connection")
                    .hasMessageContaining("was not sent again").hasMessageContaining("set a shorter idleTimeout");
        }
    }
}
