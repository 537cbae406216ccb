package io.restcost.client.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loopback listener that reads the first TLS ClientHello a client sends and closes the
 * connection: what the client offered, read off the wire rather than from its own settings.
 */
public final class ClientHellos implements AutoCloseable {

    /** Named group code points (RFC 8446, RFC 7919). */
    public static final int X25519 = 0x001d;
    public static final int SECP256R1 = 0x0017;

    /** The groups a ClientHello lists ({@code supported_groups}) and the ones it sent key shares for. */
    public record Hello(List<Integer> supportedGroups, List<Integer> keyShares) {
    }

    private final ServerSocket server;
    private final CompletableFuture<Hello> hello = new CompletableFuture<>();

    public ClientHellos() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptOne, "client-hello-reader");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The first ClientHello received, waiting up to 20 s for it. */
    public Hello first() throws Exception {
        return hello.get(20, TimeUnit.SECONDS);
    }

    private void acceptOne() {
        try (Socket s = server.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedShort();
            byte[] record = new byte[in.readUnsignedShort()];
            in.readFully(record);
            if (type != 22 || record[0] != 1) {
                throw new IOException("not a ClientHello: record type " + type + ", handshake type " + record[0]);
            }
            hello.complete(parse(ByteBuffer.wrap(record)));
        } catch (Exception e) {
            hello.completeExceptionally(e);
        }
    }

    private static Hello parse(ByteBuffer b) {
        b.position(4 + 2 + 32);                 // handshake header, legacy_version, random
        skip(b, b.get() & 0xff);                // legacy_session_id
        skip(b, b.getShort() & 0xffff);         // cipher_suites
        skip(b, b.get() & 0xff);                // legacy_compression_methods
        int end = (b.getShort() & 0xffff) + b.position();
        List<Integer> groups = new ArrayList<>();
        List<Integer> shares = new ArrayList<>();
        while (b.position() < end) {
            int ext = b.getShort() & 0xffff;
            int len = b.getShort() & 0xffff;
            ByteBuffer data = b.slice(b.position(), len);
            skip(b, len);
            if (ext == 0x000a) {
                int n = data.getShort() & 0xffff;
                for (int i = 0; i < n / 2; i++) {
                    groups.add(data.getShort() & 0xffff);
                }
            } else if (ext == 0x0033) {
                data.getShort();
                while (data.hasRemaining()) {
                    shares.add(data.getShort() & 0xffff);
                    skip(data, data.getShort() & 0xffff);
                }
            }
        }
        return new Hello(groups, shares);
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
