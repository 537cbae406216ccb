package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.results.ResultsSchema;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code mvn -B verify -Pbench} runs {@code restcost suite} with the bench profile's arguments:
 * every option a user needs for their own server, each left blank by default, and a blank one
 * is as if not given. Read from benchmarks/pom.xml itself, so a new argument is checked too.
 */
class BenchProfileArgumentsTest {

    private static List<String> benchArguments(Map<String, String> given) throws Exception {
        String pom = Files.readString(ResultsSchema.REPOSITORY.resolve("benchmarks/pom.xml"));
        String profile = pom.substring(pom.indexOf("<id>bench</id>"), pom.indexOf("</profile>", pom.indexOf("<id>bench</id>")));
        Map<String, String> properties = new HashMap<>();
        Matcher p = Pattern.compile("<(bench\\.[a-z-]+)(?:/>|>([^<]*)</bench\\.[a-z-]+>)").matcher(profile);
        while (p.find()) {
            properties.put(p.group(1), p.group(2) == null ? "" : p.group(2));
        }
        properties.putAll(given);
        List<String> args = new ArrayList<>();
        boolean after = false;
        Matcher a = Pattern.compile("<argument>([^<]*)</argument>").matcher(profile);
        while (a.find()) {
            String arg = a.group(1);
            if (after) {
                Matcher ref = Pattern.compile("\\$\\{(bench\\.[a-z-]+)}").matcher(arg);
                StringBuilder sb = new StringBuilder();
                while (ref.find()) {
                    ref.appendReplacement(sb, Matcher.quoteReplacement(properties.get(ref.group(1))));
                }
                ref.appendTail(sb);
                args.add(sb.toString());
            }
            after |= arg.equals("suite");
        }
        return args;
    }

    @Test
    void theDefaultsLeaveEveryConnectionOptionUnset() throws Exception {
        SuiteCommand suite = new SuiteCommand();
        List<String> args = benchArguments(Map.of());
        assertThat(args).contains("--truststore=", "--keystore=", "--server-cpu-user=", "--auth=basic,ltpa",
                "--path=/ibmmq/rest/v2/admin/qmgr");
        new CommandLine(suite).parseArgs(args.toArray(new String[0]));
        suite.connection.ignoreBlankValues();
        assertThat(suite.connection.target).isNull();
        assertThat(suite.connection.trustStore).isNull();
        assertThat(suite.connection.keyStore).isNull();
        assertThat(suite.connection.serverCpu).isNull();
        assertThat(suite.connection.serverCpuUser).isNull();
        assertThat(suite.connection.serverCpuCaCert).isNull();
        assertThat(suite.connection.httpOptions.http).as("the mock then gets both; another server HTTP/1.1").isNull();
        assertThat(suite.strategy.auths).containsExactly("basic", "ltpa");
        assertThat(suite.pace.rates().toString()).isEqualTo("closed");
    }

    @Test
    void aUsersOwnServerGetsTrustACertificateAndItsCpuCredentialsThroughTheProfile() throws Exception {
        SuiteCommand suite = new SuiteCommand();
        new CommandLine(suite).parseArgs(benchArguments(Map.of("bench.target", "https://mqweb.example:9443",
                "bench.truststore", "/etc/mq/trust.p12", "bench.truststore-password-env", "TRUST_PW", "bench.keystore", "/etc/mq/me.p12",
                "bench.keystore-password-env", "KEY_PW", "bench.auth", "cert", "bench.server-cpu", "prometheus:https://mqweb.example:9443/metrics",
                "bench.server-cpu-user", "metrics", "bench.server-cpu-password-env", "METRICS_PW", "bench.rate", "one-shot=5,pooled=20"))
                .toArray(new String[0]));
        suite.connection.ignoreBlankValues();
        assertThat(suite.connection.target).isEqualTo("https://mqweb.example:9443");
        assertThat(suite.connection.trustStore).hasToString("/etc/mq/trust.p12");
        assertThat(suite.connection.trustStorePasswordEnv).isEqualTo("TRUST_PW");
        assertThat(suite.connection.keyStore).hasToString("/etc/mq/me.p12");
        assertThat(suite.connection.serverCpuUser).isEqualTo("metrics");
        assertThat(suite.connection.serverCpuPasswordEnv).isEqualTo("METRICS_PW");
        assertThat(suite.strategy.auths).containsExactly("cert");
        assertThat(suite.pace.rates().toString()).isEqualTo("one-shot=5,pooled=20");
    }

    @Test
    void aUsersOwnServerIsMeasuredOnBothHttpVersionsWhenTheProfileSaysSo() throws Exception {
        SuiteCommand suite = new SuiteCommand();
        new CommandLine(suite).parseArgs(benchArguments(Map.of("bench.target", "https://mqweb.example:9443", "bench.http", "1.1,2"))
                .toArray(new String[0]));
        suite.connection.ignoreBlankValues();
        assertThat(suite.connection.httpSpecs()).extracting(io.restcost.bench.client.HttpSpec::version).containsExactly("1.1", "2");
    }
}
