package io.restcost.bench.cli;

import io.restcost.bench.client.HttpSpec;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --http} and {@code --connections}, declared once for every command that sends load. */
final class HttpOptions {

    @Option(names = "--http", paramLabel = "1.1|2", description = "HTTP version: 1.1 (default), or 2 by ALPN: threads share "
            + "connections, one stream each (--engine okhttp or apache, restcost's client, which fails where the server does not "
            + "choose HTTP/2; or okhttp-dropin, a stock OkHttp client that offers both). matrix, suite and balance take both, "
            + "1.1,2: an axis, where apache-dropin sits out 2 (suite's default against its own mock, on OkHttp).")
    String http;

    @Option(names = "--connections", paramLabel = "N", description = "With --http 2 and --engine okhttp or apache: how many connections "
            + "take new streams at once (default 1; pooled then holds N for the whole run).")
    Integer connections;

    /**
     * The HTTP versions of --http, each with --connections: one for run, an axis for matrix, suite and balance.
     *
     * @throws io.restcost.bench.setting.SettingException for an unknown version, or --connections without HTTP/2
     */
    List<HttpSpec> specs() {
        int n = connections == null ? 0 : connections;
        if (http == null || http.isBlank()) {
            return List.of(new HttpSpec(null, n));
        }
        List<String> versions = Arrays.stream(http.split(",")).map(String::strip).distinct().toList();
        // --connections goes with HTTP/2; given without it, the HTTP/1.1 spec refuses it.
        return versions.stream().map(v -> new HttpSpec(v, v.equals(HttpSpec.HTTP_2) || !versions.contains(HttpSpec.HTTP_2) ? n : 0))
                .toList();
    }
}
