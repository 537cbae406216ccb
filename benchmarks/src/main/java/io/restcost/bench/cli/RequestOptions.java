package io.restcost.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --path}, {@code --method} and {@code --body}: the request every strategy sends. */
final class RequestOptions {

    @Option(names = "--path", defaultValue = "/ibmmq/rest/v2/admin/qmgr", description = "Request path (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--method", defaultValue = "GET", description = "GET, POST or DELETE (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--body", paramLabel = "FILE", description = "JSON body for POST.")
    Path body;

    String method() {
        return method.toUpperCase(Locale.ROOT);
    }

    /** The body's bytes, or null without --body. */
    byte[] body() {
        if (body == null) {
            return null;
        }
        try {
            return Files.readAllBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("--body " + body + ": not found or not readable");
        }
    }
}
