package io.restcost.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The messaging API on real queues: order, browse, selection, wait, and eight threads at once. */
class MessagingTest {

    static MockMqWeb mq;
    static HttpClient client;
    static URI base;
    static String cookie;

    @BeforeAll
    static void start() throws Exception {
        mq = MockMqWeb.builder().passwordIterations(100).queues("Q.ORDER", "Q.BROWSE", "Q.SELECT", "Q.WAIT", "Q.LOAD").start();
        client = Clients.http(Clients.tls(mq.caPem(), null, null));
        base = mq.baseUri();
        HttpResponse<String> login = Clients.send(client, Clients.request(base, "/ibmmq/rest/v2/login")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mquser\",\"password\":\"" + mq.password("mquser") + "\"}")).build());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    @AfterAll
    static void stop() {
        mq.close();
    }

    static String url(String queue, String query) {
        return "/ibmmq/rest/v2/messaging/qmgr/QM1/queue/" + queue + "/message" + query;
    }

    static HttpResponse<String> put(String queue, String body, String correlationId) throws Exception {
        HttpRequest.Builder b = Clients.request(base, url(queue, "")).header("Cookie", cookie)
                .header("ibm-mq-rest-csrf-token", "x").header("Content-Type", "text/plain;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (correlationId != null) {
            b.header("ibm-mq-md-correlationId", correlationId);
        }
        return Clients.send(client, b.build());
    }

    static HttpResponse<String> take(String queue, String query) throws Exception {
        return Clients.send(client, Clients.request(base, url(queue, query)).header("Cookie", cookie)
                .header("ibm-mq-rest-csrf-token", "x").DELETE().build());
    }

    static HttpResponse<String> browse(String queue, String query) throws Exception {
        return Clients.send(client, Clients.request(base, url(queue, query)).header("Cookie", cookie).GET().build());
    }

    @Test
    void putAndGetIsFirstInFirstOutWithMqMessageIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String body : List.of("one", "two", "three")) {
            HttpResponse<String> r = put("Q.ORDER", body, null);
            assertThat(r.statusCode()).isEqualTo(201);
            String id = r.headers().firstValue("ibm-mq-md-messageId").orElseThrow();
            assertThat(id).hasSize(48).startsWith("414d5120").matches("[0-9a-f]{48}");
            ids.add(id);
        }
        assertThat(ids).doesNotHaveDuplicates();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = take("Q.ORDER", "");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(List.of("one", "two", "three").get(i));
            assertThat(r.headers().firstValue("ibm-mq-md-messageId")).hasValue(ids.get(i));
        }
        assertThat(take("Q.ORDER", "").statusCode()).isEqualTo(204);
    }

    @Test
    void browseLeavesTheMessageWhereItIs() throws Exception {
        put("Q.BROWSE", "kept", null);
        assertThat(browse("Q.BROWSE", "").body()).isEqualTo("kept");
        assertThat(browse("Q.BROWSE", "").body()).isEqualTo("kept");
        assertThat(take("Q.BROWSE", "").body()).isEqualTo("kept");
        assertThat(browse("Q.BROWSE", "").statusCode()).isEqualTo(204);
    }

    @Test
    void messageIdAndCorrelationIdSelectAMessage() throws Exception {
        String corr = "0123456789abcdef0123456789abcdef0123456789abcdef";
        put("Q.SELECT", "first", null);
        String secondId = put("Q.SELECT", "second", null).headers().firstValue("ibm-mq-md-messageId").orElseThrow();
        put("Q.SELECT", "third", corr);
        assertThat(take("Q.SELECT", "?messageId=" + secondId).body()).isEqualTo("second");
        HttpResponse<String> byCorr = take("Q.SELECT", "?correlationId=" + corr);
        assertThat(byCorr.body()).isEqualTo("third");
        assertThat(byCorr.headers().firstValue("ibm-mq-md-correlationId")).hasValue(corr);
        assertThat(take("Q.SELECT", "?messageId=" + secondId).statusCode()).isEqualTo(204);
        assertThat(take("Q.SELECT", "?messageId=xyz").statusCode()).isEqualTo(400);
        assertThat(take("Q.SELECT", "").body()).isEqualTo("first");
    }

    @Test
    void aGetWithWaitReturnsTheMessageThatArrivesMeanwhile() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(Clients.request(base, url("Q.WAIT", "?wait=20000"))
                .header("Cookie", cookie).header("ibm-mq-rest-csrf-token", "x").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put("Q.WAIT", "late", null).statusCode()).isEqualTo(201);
        HttpResponse<String> r = waiting.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("late");
        // And on an empty queue the wait runs out into a 204.
        long start = System.nanoTime();
        assertThat(take("Q.WAIT", "?wait=300").statusCode()).isEqualTo(204);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(take("Q.WAIT", "?wait=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void eightThreadsPuttingAndGettingLoseAndDuplicateNothing() throws Exception {
        int threads = 8;
        int perThread = 50;
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger got = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads * 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        assertThat(put("Q.LOAD", thread + "-" + i, null).statusCode()).isEqualTo(201);
                    }
                    return null;
                }));
                work.add(pool.submit(() -> {
                    while (got.get() < threads * perThread) {
                        HttpResponse<String> r = take("Q.LOAD", "?wait=200");
                        if (r.statusCode() == 200) {
                            got.incrementAndGet();
                            if (!received.add(r.body())) {
                                duplicates.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).hasValue(0);
        assertThat(received).hasSize(threads * perThread);
        assertThat(mq.queueManager().queue("Q.LOAD").depth()).isZero();
    }

    @Test
    void anUnknownQueueIsA404() throws Exception {
        HttpResponse<String> r = put("NO.SUCH.QUEUE", "x", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("MQWB0009E").contains("2085");
    }
}
