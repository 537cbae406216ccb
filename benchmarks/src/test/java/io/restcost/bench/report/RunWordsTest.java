package io.restcost.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.client.PolicySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's settings rows in words, not JSON. */
class RunWordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String policy(String text) {
        return RunWords.policy(PolicySpec.parse(text).parameters());
    }

    @Test
    void policiesInWords() {
        assertThat(policy("one-shot")).isEqualTo("one-shot: a new connection, TLS handshake and login for every request");
        assertThat(policy("pooled")).isEqualTo("pooled: connections kept, closed after 25 s idle");
        assertThat(policy("rotating:requests=50")).isEqualTo("rotating: 50 requests, no jitter, closed after 25 s idle");
        assertThat(policy("rotating:requests=1000,age=10m,jitter=0.2,idle=90s,reauth=true")).isEqualTo(
                "rotating: 1,000 requests or 10 min, whichever first, lifetimes randomised by up to 20%, closed after 90 s idle, "
                        + "a fresh login for every session");
        assertThat(policy("rotating:age=500ms")).isEqualTo("rotating: 500 ms, no jitter, closed after 25 s idle");
    }

    @Test
    void errorsByClassAndVersions() throws Exception {
        Map<String, Long> none = JSON.readValue("{\"connect\":0,\"tls\":0,\"http4xx\":0,\"http5xx\":0,\"timeout\":0,\"io\":0}", new TypeReference<>() { });
        assertThat(RunWords.errors(none)).isEqualTo("none");
        Map<String, Long> some = JSON.readValue("{\"connect\":2,\"tls\":0,\"http4xx\":0,\"http5xx\":1500,\"timeout\":3,\"io\":1}", new TypeReference<>() { });
        assertThat(RunWords.errors(some)).isEqualTo("2 could not connect, 1,500 HTTP 5xx, 3 timed out, 1 I/O (reset, empty or malformed response)");
        Map<String, String> versions = JSON.readValue("{\"jvm\":\"OpenJDK 17.0.15\",\"restcost\":\"0.1.0\",\"apache\":\"httpclient5/5.6.5\"}", new TypeReference<LinkedHashMap<String, String>>() { });
        assertThat(RunWords.versions(versions)).isEqualTo("JVM OpenJDK 17.0.15; restcost 0.1.0; Apache HttpClient httpclient5/5.6.5");
    }

    @Test
    void durations() {
        assertThat(RunWords.duration(0.25)).isEqualTo("250 ms");
        assertThat(RunWords.duration(25)).isEqualTo("25 s");
        assertThat(RunWords.duration(1.5)).isEqualTo("1.5 s");
        assertThat(RunWords.duration(600)).isEqualTo("10 min");
        assertThat(RunWords.duration(5400)).isEqualTo("90 min");
        assertThat(RunWords.duration(10800)).isEqualTo("3 h");
    }
}
