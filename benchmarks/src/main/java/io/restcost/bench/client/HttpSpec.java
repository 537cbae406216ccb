package io.restcost.bench.client;

import static io.restcost.bench.setting.Setting.CONNECTIONS;
import static io.restcost.bench.setting.Setting.ENGINE;
import static io.restcost.bench.setting.Setting.HTTP;

import io.restcost.bench.setting.SettingException;
import io.restcost.client.http.HttpVersion;

/**
 * The HTTP a run speaks, and over how many connections HTTP/2 multiplexes.
 *
 * @param version {@link #HTTP_1_1} or {@link #HTTP_2}
 * @param connections on HTTP/2 with restcost's engine, the connections that take new streams at
 *     once (pooled: all the run has); 0 for the client's default (one)
 */
public record HttpSpec(String version, int connections) {

    /** HTTP/1.1 only: what both engines speak unless told otherwise. */
    public static final String HTTP_1_1 = "1.1";
    /** HTTP/2 by ALPN: restcost's client requires it (OkHttp, or HttpClient 5's async client); a stock OkHttp client offers it beside HTTP/1.1. */
    public static final String HTTP_2 = "2";
    /** HTTP/1.1, the default. */
    public static final HttpSpec DEFAULT = new HttpSpec(HTTP_1_1, 0);

    /** @throws SettingException for an unknown version or a negative count */
    public HttpSpec {
        if (version == null) {
            version = HTTP_1_1;
        }
        String v = version;
        if (!v.equals(HTTP_1_1) && !v.equals(HTTP_2)) {
            throw new SettingException(n -> "unknown " + n.apply(HTTP) + " " + v + " (use 1.1 or 2)");
        }
        if (connections < 0 || (connections > 0 && !v.equals(HTTP_2))) {
            int c = connections;
            throw new SettingException(n -> n.apply(CONNECTIONS) + " " + c + " is for " + n.apply(HTTP) + " 2, where threads share "
                    + "connections (a whole number from 1); on HTTP/1.1 each thread holds its own");
        }
    }

    public boolean http2() {
        return version.equals(HTTP_2);
    }

    /** @throws SettingException if {@code engine} cannot speak this */
    public HttpSpec checkedFor(EngineChoice engine) {
        if (http2() && engine == EngineChoice.APACHE_DROPIN) {
            String tag = engine.tag();
            throw new SettingException(n -> n.apply(HTTP) + " 2 needs " + n.apply(ENGINE) + " okhttp or apache (restcost's client) or "
                    + "okhttp-dropin (a stock OkHttp client); " + tag + " is a stock HttpClient 5 classic client, HTTP/1.1 only "
                    + "(the drop-in does not cover HttpClient 5's async HTTP/2 client)");
        }
        if (connections > 0 && engine.stock()) {
            String tag = engine.tag();
            throw new SettingException(n -> n.apply(CONNECTIONS) + " needs " + n.apply(ENGINE) + " okhttp: " + tag
                    + " keeps the application's own connections");
        }
        return this;
    }

    /** What restcost's client is told. */
    HttpVersion clientVersion() {
        return http2() ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1;
    }
}
