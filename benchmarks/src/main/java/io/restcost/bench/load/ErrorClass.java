package io.restcost.bench.load;

import io.restcost.client.auth.LoginFailedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** The classes a failed request is counted under in {@code summary.json}'s {@code errors}. */
public enum ErrorClass {
    CONNECT, TLS, HTTP4XX, HTTP5XX, TIMEOUT, IO;

    /** The name in {@code summary.json}: connect, tls, http4xx, http5xx, timeout, io. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class of an HTTP status, or null when the status is not an error. */
    public static ErrorClass ofStatus(int status) {
        if (status >= 500) {
            return HTTP5XX;
        }
        return status >= 400 ? HTTP4XX : null;
    }

    /** The class of a request that got no response. A failed login counts as 4xx: the server answered. */
    public static ErrorClass of(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LoginFailedException) {
                return HTTP4XX;
            }
            if (t instanceof SSLException) {
                return TLS;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return CONNECT;
            }
            if (t instanceof InterruptedIOException) {
                return TIMEOUT;
            }
        }
        return IO;
    }
}
