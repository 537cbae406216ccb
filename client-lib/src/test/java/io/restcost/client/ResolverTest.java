package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.auth.Auth;
import io.restcost.client.http.HostResolver;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.tls.TlsOptions;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.MockMqWeb;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One host name, three servers (127.0.0.1, .2 and .3, one port, one certificate naming the
 * host, one token key): the resolver setting decides where each session goes, from the
 * servers' side.
 */
class ResolverTest {

    static final String HOST = "mqweb.restcost.test";
    static final List<UserRegistry.User> USERS = List.of(new UserRegistry.User("mqadmin", "resolver-test-pw", List.of("MQWebAdmin")));

    @TempDir
    Path tmp;
    final List<MockMqWeb> servers = new ArrayList<>();
    List<InetAddress> addresses;

    @BeforeEach
    void start() throws Exception {
        MockMqWeb first = Mqweb.mock().bindAddress("127.0.0.1").certificateHosts(HOST).users(USERS)
                .tokenKeyFile(tmp.resolve("ltpa.keys")).cookieSuffix("resolver").start();
        servers.add(first);
        for (String ip : List.of("127.0.0.2", "127.0.0.3")) {
            servers.add(Mqweb.mock().bindAddress(ip).port(first.port()).keyStore(first.pki().serverKeystore(), first.pki().password())
                    .users(USERS).tokenKeyFile(tmp.resolve("ltpa.keys")).cookieSuffix("resolver").start());
        }
        addresses = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
    }

    @AfterEach
    void stop() {
        servers.forEach(MockMqWeb::close);
    }

    private RestClient client(Engine engine, SessionPolicy policy, HostResolver order) {
        return RestClient.builder().baseUri(URI.create("https://" + HOST + ":" + servers.get(0).port())).engine(engine).policy(policy)
                .tls(TlsOptions.builder().trustPem(servers.get(0).caPem()).build())
                .auth(Auth.ltpa("mqadmin", "resolver-test-pw".toCharArray())).resolver(order).build();
    }

    private HostResolver named() {
        return HostResolver.fixed(Map.of(HOST, addresses), HostResolver.system());
    }

    private List<Long> accepted() {
        servers.forEach(Mqweb::awaitAllClosed);
        return servers.stream().map(s -> s.stats().accepted()).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void roundRobinSpreadsSessionsEvenlyAndOneTokenServesAll(Engine engine) throws Exception {
        try (RestClient client = client(engine, SessionPolicy.rotating().maxRequests(5).build(), HostResolver.roundRobin(named()))) {
            assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 60, 1)).containsExactly(Map.entry(200, 60));
        }
        // the login is the first session's first exchange: 61 exchanges, 13 sessions of 5, 5 + 4 + 4;
        // one login on the first server, its token accepted by the other two
        assertThat(accepted()).containsExactly(5L, 4L, 4L);
        assertThat(servers.stream().mapToLong(Mqweb::logins).sum()).isEqualTo(1);
        assertThat(servers.stream().mapToLong(Mqweb::tokenRejections).sum()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pooledStaysWhereItFirstConnected(Engine engine) throws Exception {
        try (RestClient client = client(engine, SessionPolicy.pooled(), HostResolver.roundRobin(named()))) {
            assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 60, 1)).containsExactly(Map.entry(200, 60));
        }
        assertThat(accepted()).containsExactly(1L, 0L, 0L);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aServerThatIsGoneIsSkippedForTheNextAddress(Engine engine) throws Exception {
        servers.get(1).close();
        try (RestClient client = client(engine, SessionPolicy.rotating().maxRequests(5).build(), HostResolver.roundRobin(named()))) {
            assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 60, 1)).containsExactly(Map.entry(200, 60));
        }
        servers.forEach(s -> {
            if (s != servers.get(1)) {
                Mqweb.awaitAllClosed(s);
            }
        });
        // 13 sessions (the login is an exchange too); the turns of 127.0.0.2 fall to 127.0.0.3, the next address in its list
        assertThat(servers.get(0).stats().accepted()).isEqualTo(5);
        assertThat(servers.get(2).stats().accepted()).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void randomOrderReachesEveryServer(Engine engine) throws Exception {
        try (RestClient client = client(engine, SessionPolicy.rotating().maxRequests(2).build(),
                HostResolver.random(named(), new Random(42)))) {
            assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 120, 1)).containsExactly(Map.entry(200, 120));
        }
        List<Long> a = accepted();
        // 121 exchanges (the login too) in sessions of 2
        assertThat(a.stream().mapToLong(Long::longValue).sum()).isEqualTo(61);
        assertThat(a).allSatisfy(n -> assertThat(n).isBetween(8L, 35L));
    }
}
