package io.restcost.client.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The engines are optional dependencies: an application brings the one it uses. This says,
 * before a client is built, whether the chosen one is there, and if not, which artifact to add.
 */
public final class Engines {

    private static final Properties COORDINATES = load();

    private Engines() {
    }

    /** @throws IllegalStateException if OkHttp is not on the class path, naming its Maven coordinates */
    public static void requireOkHttp() {
        require("okhttp3.OkHttpClient", "Engine.OKHTTP needs OkHttp", "okhttp");
    }

    /** @throws IllegalStateException if HttpClient 5 is not on the class path, naming its Maven coordinates */
    public static void requireHttpClient5() {
        require("org.apache.hc.client5.http.impl.classic.HttpClients", "Engine.APACHE_HTTPCLIENT5 needs Apache HttpClient 5", "apache");
    }

    private static void require(String probe, String needs, String key) {
        try {
            Class.forName(probe, false, Engines.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(needs + " on the class path: add " + COORDINATES.getProperty(key, "its library")
                    + " to the application's dependencies (client-lib leaves the engines optional)");
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Engines.class.getResourceAsStream("engines.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
