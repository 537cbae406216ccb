package io.restcost.mock;

import io.restcost.kit.PemTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Plain clients for driving the mock: the JDK's HttpClient, and raw TLS sockets for exact connection counts. */
final class Clients {

    private Clients() {
    }

    /** An SSLContext trusting {@code caPem}, optionally presenting the client keystore. */
    static SSLContext tls(Path caPem, Path clientKeystore, char[] password) throws GeneralSecurityException, IOException {
        return PemTrust.context(caPem, clientKeystore, password).context();
    }

    static HttpClient http(SSLContext ctx) {
        return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    /**
     * One request on a new TLS connection that closes after it, as curl or Python's
     * requests.get would: returns the status line's code.
     */
    static int oneShot(SSLContext ctx, URI base, String path, String headers) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nConnection: close\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            return Integer.parseInt(text.substring(9, 12));
        }
    }

    /**
     * {@code n} GET requests one after another on one TLS connection, as a keep-alive client
     * that waits for each response before it sends the next: returns the status codes, fewer
     * than {@code n} if the server closed the connection before answering them all. Reads
     * bodies framed by Content-Length or chunked. (The JDK's HttpClient cannot be asked for
     * this: it sometimes opens a second connection when the next request comes before its
     * pool has taken the first one back.)
     */
    static int[] keepAlive(SSLContext ctx, URI base, String path, String headers, int n) throws IOException {
        int[] statuses = new int[n];
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(s.getInputStream());
            for (int i = 0; i < n; i++) {
                String status;
                try {
                    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                            + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    status = line(in);
                } catch (IOException closedByServer) {
                    return java.util.Arrays.copyOf(statuses, i);
                }
                statuses[i] = Integer.parseInt(status.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    String lower = h.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    }
                }
                if (chunked) {
                    for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                        in.skipNBytes(size);
                        line(in);
                    }
                    line(in);
                } else if (length > 0) {
                    in.skipNBytes(length);
                }
            }
        }
        return statuses;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response after: " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
