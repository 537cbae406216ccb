package io.restcost.liberty.cli;

import io.restcost.cli.DurationConverter;
import io.restcost.cli.OfferedHttpConverter;
import io.restcost.liberty.LibertyServer;
import io.restcost.liberty.OpenLibertyRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code restcost liberty}: a real Open Liberty serving mqweb's REST API, as easily as
 * {@code restcost mock}, printing the same lines; serves until Ctrl-C, then stops Liberty.
 */
@Command(name = "liberty", mixinStandardHelpOptions = true, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {"  restcost liberty --port 9443", "  restcost liberty --port 0 --wlp-dir /opt/wlp", "  restcost liberty --port 9443 --http 1.1"},
        description = {"Serve mqweb's REST API from a real Open Liberty (its TLS, LtpaToken2 and authentication cache), "
                + "set up like the mock: same users, roles, CA and credentials file.",
                "Needs the runtime that `mvn -B verify -Pliberty` fetches into the local Maven repository, or --wlp-dir."})
public final class LibertyCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bind", description = "Loopback address to listen on (default ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--port", description = "HTTPS port; 0 for any free one (default ${DEFAULT-VALUE}, as mqweb).", defaultValue = "9443")
    int port;

    @Option(names = "--state-dir", description = "Where the server, certificates, credentials and logs go (default: a new temporary folder).")
    Path stateDir;

    @Option(names = "--wlp-dir", description = "An Open Liberty runtime's wlp folder (default: the full runtime zip "
            + "io.openliberty:openliberty-runtime that `mvn -Pliberty` put in the local Maven repository, unpacked once "
            + "into ~/.cache/restcost).")
    Path wlpDir;

    @Option(names = "--token-expiry", description = "<ltpa expiration>, whole minutes (default ${DEFAULT-VALUE}).", defaultValue = "120m",
            converter = DurationConverter.class)
    Duration tokenExpiry;

    @Option(names = "--auth-cache-timeout", description = "<authCache timeout> (default ${DEFAULT-VALUE}).", defaultValue = "600s",
            converter = DurationConverter.class)
    Duration authCacheTimeout;

    @Option(names = "--client-auth", description = "none, wanted or required (default ${DEFAULT-VALUE}).", defaultValue = "none")
    String clientAuth;

    @Option(names = "--max-keep-alive-requests", description = "httpOptions maxKeepAliveRequests; -1 = unlimited, Liberty's "
            + "default since 21.0.0.6 (default ${DEFAULT-VALUE}).", defaultValue = "-1")
    int maxKeepAlive;

    @Option(names = "--http", paramLabel = "1.1,2|1.1", converter = OfferedHttpConverter.class, defaultValue = "1.1,2",
            description = "HTTP versions offered by ALPN: 1.1,2 (the default, Liberty's with servlet 4.0 and later) or 1.1 "
                    + "to pin HTTP/1.1 (httpEndpoint protocolVersion=\"http/1.1\").")
    String http;

    @Option(names = "--track-logged-out-tokens", description = "Refuse a token after its logout (trackLoggedOutSSOCookies).")
    boolean trackLoggedOut;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        LibertyServer.Builder b = LibertyServer.builder().bindAddress(bind).port(port).tokenExpiry(tokenExpiry)
                .authCacheTimeout(authCacheTimeout).clientAuth(clientAuth.toLowerCase(Locale.ROOT)).maxKeepAliveRequests(maxKeepAlive)
                .trackLoggedOutTokens(trackLoggedOut).http2(OfferedHttpConverter.offersHttp2(http));
        if (stateDir != null) {
            b.stateDir(stateDir);
        }
        if (wlpDir != null) {
            b.wlpDir(wlpDir);
        }
        LibertyServer liberty = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            liberty.close();
            stop.countDown();
        }, "restcost-liberty-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "restcost Open Liberty %s mqweb ready in %d ms (server start to the API answering)%n",
                OpenLibertyRuntime.VERSION, liberty.readyMillis());
        out.printf("  url:          %s/ibmmq/rest/v2/%n", liberty.baseUri());
        out.printf("  CA file:      %s%n", liberty.caPem());
        out.printf("  credentials:  %s%n", liberty.credentialsFile());
        out.printf("  token cookie: %s%n", liberty.cookieName());
        out.printf("  server CPU:   --server-cpu pid:%d, or prometheus:%s with --server-cpu-user %s (password in the credentials file)%n",
                liberty.pid(), liberty.metricsUri(), LibertyServer.METRICS_USER);
        out.printf("  logs:         %s, %s%n", liberty.messagesLog(), liberty.accessLog());
        out.println("  stop with Ctrl-C");
        out.flush();
        stop.await();
        return 0;
    }
}
