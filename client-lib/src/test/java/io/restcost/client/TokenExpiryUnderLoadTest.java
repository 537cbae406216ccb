package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.MutableClock;
import io.restcost.client.testing.Tally;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.MockMqWeb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tokens expiring mid-run at 16 threads, over two token scopes (two servers, one token each):
 * every expiry costs exactly one login per scope, whatever the number of threads that meet the
 * expired token at once, and every request succeeds.
 */
class TokenExpiryUnderLoadTest {

    static final List<UserRegistry.User> USERS = List.of(new UserRegistry.User("mqadmin", "expiry-test-pw-1", List.of("MQWebAdmin")));
    static final int THREADS = 16;
    static final int REQUESTS = 4000;
    static final int EXPIRIES = 3;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eachExpiryCostsOneLoginPerTokenScope(Engine engine) throws Exception {
        MutableClock clock = new MutableClock();
        Duration expiry = Duration.ofMinutes(120);
        try (MockMqWeb a = Mqweb.mock().users(USERS).clock(clock).tokenExpiry(expiry).certificateHosts("127.0.0.2").start();
             // b serves a's certificate (it names 127.0.0.2 too), so one CA is trusted for both.
             MockMqWeb b = Mqweb.mock().users(USERS).clock(clock).tokenExpiry(expiry).bindAddress("127.0.0.2")
                     .keyStore(a.pki().serverKeystore(), a.pki().password()).start();
             RestClient client = RestClient.builder().baseUri(a.baseUri()).engine(engine)
                     .policy(SessionPolicy.rotating().maxRequests(50).build()).tls(Mqweb.trust(a))
                     .auth(Auth.ltpa("mqadmin", "expiry-test-pw-1".toCharArray())).authOrigins(b.baseUri()).build()) {
            RestRequest onA = RestRequest.get(QMGR_PATH);
            RestRequest onB = RestRequest.get(b.baseUri() + QMGR_PATH);
            long step = REQUESTS / (EXPIRIES + 1);
            // Request numbers end once each: the clock moves past the tokens' expiry as numbers 1000, 2000 and 3000 end,
            // while the other fifteen threads are mid-request.
            Tally.Outcomes all = Tally.run(n -> client.execute(n % 2 == 0 ? onA : onB).status(), REQUESTS, THREADS, n -> {
                if (n > 0 && n % step == 0 && n / step <= EXPIRIES) {
                    clock.advance(expiry.plusMinutes(1));
                }
            });

            assertThat(all.accounted()).as("%s", all).isEqualTo(REQUESTS);
            assertThat(all.status(200)).as("%s", all).isEqualTo(REQUESTS);
            // The first login of each scope, then one per expiry: never one per thread that met the expired token.
            assertThat(Mqweb.logins(a)).isEqualTo(1 + EXPIRIES);
            assertThat(Mqweb.logins(b)).isEqualTo(1 + EXPIRIES);
            // Many threads did meet it: each rejection was answered by the one new login, and the request sent again.
            assertThat(Mqweb.tokenRejections(a) + Mqweb.tokenRejections(b)).isBetween(2L * EXPIRIES, 2L * EXPIRIES * THREADS);
        }
    }
}
