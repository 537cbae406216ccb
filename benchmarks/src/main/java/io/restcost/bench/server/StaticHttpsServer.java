package io.restcost.bench.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The cheapest HTTPS server we can run on the JVM: bare Jetty answering every request with
 * the same 200-byte mqweb-like JSON. It stands in for the server when the question is what
 * the client costs, so the server should be as small a part of each request as possible.
 *
 * <p>Run in its own JVM ({@link ServerProcess}) so that client and server CPU and allocation
 * stay apart. Prints {@code READY <port>} when it listens; exits when its standard input
 * closes, so it never outlives the process that started it.
 *
 * <p>Arguments: {@code BIND_ADDRESS PORT KEYSTORE.p12 PASSWORDS.properties}
 */
public final class StaticHttpsServer {

    /** About the size of mqweb's {@code GET /admin/qmgr} answer. */
    public static final byte[] BODY = ("{\"qmgr\":[{\"name\":\"QM1\",\"state\":\"running\"}],"
            + "\"installation\":{\"name\":\"Installation1\",\"version\":\"9.4.0.0\",\"platform\":\"linux\"},"
            + "\"padding\":\"....................................................................\"}")
            .getBytes(StandardCharsets.UTF_8);

    private StaticHttpsServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: StaticHttpsServer BIND_ADDRESS PORT KEYSTORE.p12 PASSWORDS.properties");
            System.exit(2);
        }
        Properties passwords = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[3]))) {
            passwords.load(in);
        }
        Server server = start(args[0], Integer.parseInt(args[1]), Path.of(args[2]), passwords.getProperty("keystore.password"));
        System.out.println("READY " + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        System.out.flush();
        // Serve until whoever started us goes away.
        while (System.in.read() != -1) {
            // ignore input
        }
        server.stop();
    }

    /** Starts the server; the caller stops it. */
    public static Server start(String bind, int port, Path keystore, String password) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 8);
        threads.setName("static-https");
        Server server = new Server(threads);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStorePassword(password);
        ssl.setKeyStoreType("PKCS12");
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        // HTTP/2 and HTTP/1.1 by ALPN, as Liberty serves them: a client that offers only HTTP/1.1 gets it.
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory h2 = new org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory(http);
        org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory alpn = new org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(h1.getProtocol());
        ServerConnector connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, h1);
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                base.setHandled(true);
                response.setStatus(200);
                response.setContentType("application/json");
                response.setContentLength(BODY.length);
                response.getOutputStream().write(BODY);
            }
        });
        server.start();
        return server;
    }
}
