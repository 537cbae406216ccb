package io.restcost.client.testing;

import io.restcost.client.RestClient;
import io.restcost.client.tls.TlsOptions;

/**
 * Sends one request with the JDK provider offering the groups given, to a port that reads the
 * ClientHello and hangs up: run in a JVM of its own, for JVM-wide {@code -Djdk.tls.namedGroups}.
 * Arguments: port, then the groups. Exits 0 when the client was built and tried, 3 when
 * building it was refused (the message on stderr).
 */
public final class OfferGroupsMain {

    private OfferGroupsMain() {
    }

    public static void main(String[] args) {
        RestClient client;
        try {
            client = RestClient.builder().baseUri(java.net.URI.create("https://localhost:" + args[0]))
                    .tls(TlsOptions.builder().insecureTrustAll().groups(java.util.Arrays.copyOfRange(args, 1, args.length)).build())
                    .build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(3);
            return;
        }
        try (client) {
            client.get("/");
        } catch (Exception expected) {
            // the listener hangs up after the ClientHello
        }
    }
}
