package io.restcost.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.kit.UserRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The mock answers mqweb requests in its connection filter by default, and through WireMock's
 * stub pipeline on request. Both must answer every request alike: the same status, body and
 * headers (less WireMock's own {@code Matched-Stub-Id}, and with token and message id values
 * masked, which differ by nature).
 */
class PipelinesAnswerAlikeTest {

    private static final List<UserRegistry.User> USERS = List.of(
            new UserRegistry.User("mqadmin", "admin-secret", List.of("MQWebAdmin")),
            new UserRegistry.User("mqreader", "reader-secret", List.of("MQWebAdminRO")),
            new UserRegistry.User("mquser", "user-secret", List.of("MQWebUser")));

    @Test
    void directAndWireMockStubPipelinesAnswerAlike() throws Exception {
        List<String> direct;
        List<String> stubs;
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).users(USERS).cookieSuffix("7").start()) {
            direct = conversation(mq);
        }
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).users(USERS).cookieSuffix("7")
                .throughWireMockStubs(true).start()) {
            stubs = conversation(mq);
        }
        assertThat(direct).hasSize(16);
        for (int i = 0; i < direct.size(); i++) {
            assertThat(direct.get(i)).as("exchange %d", i).isEqualTo(stubs.get(i));
        }
    }

    /** A session through most of MQWEB.md's rows: each exchange rendered as text. */
    private static List<String> conversation(MockMqWeb mq) throws Exception {
        HttpClient c = Clients.http(Clients.tls(mq.caPem(), null, null));
        List<String> out = new ArrayList<>();
        String v2 = "/ibmmq/rest/v2";
        String json = "application/json";
        HttpResponse<String> login = send(c, Clients.request(mq.baseUri(), v2 + "/login").header("Content-Type", json)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mqadmin\",\"password\":\"admin-secret\"}")).build(), out);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        send(c, Clients.request(mq.baseUri(), v2 + "/login").header("Content-Type", json)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mqadmin\",\"password\":\"wrong\"}")).build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/login").header("Cookie", cookie).GET().build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/qmgr").header("Cookie", cookie).GET().build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/qmgr/QM1").header("Cookie", cookie).GET().build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/qmgr/NOPE").header("Cookie", cookie).GET().build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/qmgr").header("Cookie", cookie + "x").GET().build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/installation").GET().build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/action/qmgr/QM1/mqsc").header("Cookie", cookie)
                .header("Content-Type", json).POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"runCommand\"}")).build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/action/qmgr/QM1/mqsc").header("Cookie", cookie)
                .header("ibm-mq-rest-csrf-token", "x").header("Content-Type", json)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}")).build(), out);
        send(c, Clients.request(mq.baseUri(), v2 + "/admin/action/qmgr/QM1/mqsc").header("Cookie", cookie)
                .header("ibm-mq-rest-csrf-token", "x").header("Content-Type", json)
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), out);
        String basicUser = "Basic " + java.util.Base64.getEncoder().encodeToString("mquser:user-secret".getBytes());
        String queue = "/ibmmq/rest/v2/messaging/qmgr/QM1/queue/DEV.QUEUE.1/message";
        send(c, Clients.request(mq.baseUri(), queue).header("Authorization", basicUser).header("ibm-mq-rest-csrf-token", "x")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(), out);
        send(c, Clients.request(mq.baseUri(), queue).header("Authorization", basicUser).GET().build(), out);
        send(c, Clients.request(mq.baseUri(), queue).header("Authorization", basicUser).header("ibm-mq-rest-csrf-token", "x")
                .DELETE().build(), out);
        String basicReader = "Basic " + java.util.Base64.getEncoder().encodeToString("mqreader:reader-secret".getBytes());
        send(c, Clients.request(mq.baseUri(), queue).header("Authorization", basicReader).GET().build(), out);
        send(c, Clients.request(mq.baseUri(), "/ibmmq/rest/v9/nothing").header("Cookie", cookie).PUT(HttpRequest.BodyPublishers.noBody()).build(), out);
        return out;
    }

    private static HttpResponse<String> send(HttpClient c, HttpRequest request, List<String> out) throws Exception {
        HttpResponse<String> r = Clients.send(c, request);
        Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
        headers.remove("matched-stub-id");
        headers.remove("date");
        StringBuilder sb = new StringBuilder(request.method()).append(' ').append(request.uri().getPath())
                .append(" -> ").append(r.statusCode()).append('\n');
        headers.forEach((k, v) -> sb.append(k).append(": ").append(mask(String.join(", ", v))).append('\n'));
        out.add(sb.append(mask(r.body())).toString());
        return r;
    }

    private static String mask(String s) {
        return s.replaceAll("(LtpaToken2_7=)[^;\"]+", "$1<token>")
                .replaceAll("\\b[0-9a-f]{48}\\b", "<id>")
                .replaceAll("\"(putDate|putTime)\"\\s*:\\s*\"[^\"]*\"", "\"$1\":\"<t>\"");
    }
}
