package io.restcost.bench.run;

import io.restcost.bench.client.ClientSpec;
import io.restcost.client.auth.LoginFailedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns the failure of a run's first request into one line that names the cause and the
 * option that fixes it. Never includes a password or a token: only exception classes and
 * the JSSE messages, which carry neither.
 */
public final class TargetErrors {

    private TargetErrors() {
    }

    /** Why the first request to {@code spec}'s target got no response, and the fix. */
    public static String describe(ClientSpec spec, IOException e) {
        String target = spec.target().toString();
        String host = spec.target().getHost();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            String lower = m.toLowerCase(Locale.ROOT);
            if (t instanceof LoginFailedException) {
                return "login to " + target + " as " + spec.user() + " failed: " + m
                        + " (check --user and the password you gave)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + host + " (check --target)";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "cannot connect to " + target + ": " + m + " (is the server running? check --target)";
            }
            if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
                return "the certificate of " + target + " does not name " + host
                        + " (connect by a name the certificate has, e.g. --target https://localhost:PORT, or reissue it)";
            }
            if (t instanceof CertPathValidatorException || lower.contains("pkix path")
                    || lower.contains("unable to find valid certification path")) {
                return "the certificate of " + target + " is not trusted (give the CA that signed it with --ca-cert PEM "
                        + "or --truststore FILE; --insecure turns verification off)";
            }
            if (t instanceof CertificateException) {
                return "the certificate of " + target + " was refused: " + m + " (check --ca-cert or --truststore)";
            }
            if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                    || (t instanceof SSLException && lower.contains("handshake_failure") && spec.keyStore() == null)) {
                return "the server " + target + " requires a client certificate (give --auth cert --keystore FILE "
                        + "--keystore-password-env VAR)";
            }
            if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext connection")) {
                return target + " does not speak TLS (use an http:// target, or the server's HTTPS port)";
            }
            if (t instanceof InterruptedIOException) {
                return "no response from " + target + " in time: " + m + " (check --target and that the server is healthy, or give it longer with"
                        + " --response-timeout or --connect-timeout)";
            }
        }
        if (e instanceof SSLException) {
            return "TLS with " + target + " failed: " + e.getMessage() + " (check --ca-cert, --keystore and --tls-protocol)";
        }
        if (spec.https() && spec.keyStore() == null && closedByPeer(e)) {
            // TLS 1.3: the client's side of the handshake is done before the server checks for a
            // certificate, so a refusal often arrives as a reset or broken pipe, not as an alert.
            return "the server " + target + " closed the connection during or right after the TLS handshake: it probably "
                    + "requires a client certificate (give --auth cert --keystore FILE --keystore-password-env VAR), or refuses "
                    + "these TLS settings (check --tls-protocol)";
        }
        return "request to " + target + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + " (check --target and the server)";
    }

    private static boolean closedByPeer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || m.contains("broken pipe") || m.contains("connection reset")
                    || m.contains("remote host terminated") || m.contains("unexpected end of stream")) {
                return true;
            }
        }
        return false;
    }

    /** Why the first request's status means the run cannot measure anything useful, or null when it is fine. */
    public static String describeStatus(RunSpec spec, int status) {
        String target = spec.client().target() + spec.path();
        return switch (status) {
            case 401 -> "the server refused the credentials for " + target + " (401): check --user, the password and --auth";
            case 403 -> (spec.client().user() == null ? "the server refuses " : "user " + spec.client().user() + " may not ")
                    + spec.method() + " " + target + " (403): give a user with the role it needs, or check the CSRF header rule";
            case 404 -> "no such resource " + target + " (404): check --path (e.g. /ibmmq/rest/v2/admin/qmgr)";
            case 405 -> "method " + spec.method() + " is not allowed on " + target + " (405): check --method";
            default -> null;
        };
    }
}
