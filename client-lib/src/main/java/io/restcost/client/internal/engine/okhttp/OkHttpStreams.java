package io.restcost.client.internal.engine.okhttp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import okhttp3.Connection;
import okhttp3.Protocol;

/**
 * The most streams an OkHttp HTTP/2 connection's server allows ({@code SETTINGS_MAX_CONCURRENT_STREAMS}).
 * OkHttp keeps it as the connection's allocation limit and has no public API for it: it is read
 * from {@code RealConnection}, and where a future OkHttp moves it, it is reported unknown (-1)
 * and OkHttp's own rule still holds (a connection at its limit takes no new call; the call opens
 * another connection, which the session then reports).
 */
public final class OkHttpStreams {

    private static final MethodHandle LIMIT = find();

    private OkHttpStreams() {
    }

    /**
     * The server's limit, or -1 where it is not known: not HTTP/2, the server's SETTINGS not read
     * yet (OkHttp starts with no limit), no limit announced, or an OkHttp that does not say.
     */
    public static int serverLimit(Connection connection) {
        if (LIMIT == null || connection == null || connection.protocol() != Protocol.HTTP_2) {
            return -1;
        }
        try {
            int limit = (int) LIMIT.invoke(connection);
            return limit == Integer.MAX_VALUE || limit < 1 ? -1 : limit;
        } catch (Throwable e) {
            return -1; // another class implements Connection: not OkHttp's own
        }
    }

    private static MethodHandle find() {
        try {
            Class<?> real = Class.forName("okhttp3.internal.connection.RealConnection", false, OkHttpStreams.class.getClassLoader());
            return MethodHandles.publicLookup().findVirtual(real, "getAllocationLimit$okhttp", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Connection.class));
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }
}
