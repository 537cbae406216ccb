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
import io.restcost.bench.run.TargetProblem.Fix;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns the failure of a run's first request into its cause and the fix it needs
 * ({@link TargetProblem}); the command line words the fix with its options. Never includes a
 * password or a token: only exception classes and the JSSE messages, which carry neither.
 */
public final class TargetErrors {

    private TargetErrors() {
    }

    /** Why the first request to {@code spec}'s target got no response, and the fix. */
    public static TargetProblem describe(ClientSpec spec, IOException e) {
        String target = spec.target().toString();
        String host = spec.target().getHost();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            String lower = m.toLowerCase(Locale.ROOT);
            if (t instanceof LoginFailedException) {
                return new TargetProblem("login to " + target + " as " + spec.user() + " failed: " + m, Fix.LOGIN_CREDENTIALS);
            }
            if (t instanceof UnknownHostException) {
                return new TargetProblem("unknown host " + host, Fix.TARGET_HOST);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new TargetProblem("cannot connect to " + target + ": " + m, Fix.SERVER_RUNNING);
            }
            if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
                return new TargetProblem("the certificate of " + target + " does not name " + host, Fix.NAME_ON_CERTIFICATE);
            }
            if (t instanceof CertPathValidatorException || lower.contains("pkix path")
                    || lower.contains("unable to find valid certification path")) {
                return new TargetProblem("the certificate of " + target + " is not trusted", Fix.TRUST_THE_CA);
            }
            if (t instanceof CertificateException) {
                return new TargetProblem("the certificate of " + target + " was refused: " + m, Fix.CHECK_TRUST);
            }
            if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                    || (t instanceof SSLException && lower.contains("handshake_failure") && spec.keyStore() == null)) {
                return new TargetProblem("the server " + target + " requires a client certificate", Fix.CLIENT_CERTIFICATE);
            }
            if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext connection")) {
                return new TargetProblem(target + " does not speak TLS", Fix.NOT_TLS);
            }
            if (t instanceof InterruptedIOException) {
                return new TargetProblem("no response from " + target + " in time: " + m, Fix.GIVE_IT_LONGER);
            }
        }
        if (e instanceof SSLException) {
            return new TargetProblem("TLS with " + target + " failed: " + e.getMessage(), Fix.TLS_SETTINGS);
        }
        if (spec.https() && spec.keyStore() == null && closedByPeer(e)) {
            // TLS 1.3: the client's side of the handshake is done before the server checks for a
            // certificate, so a refusal often arrives as a reset or broken pipe, not as an alert.
            return new TargetProblem("the server " + target + " closed the connection during or right after the TLS handshake: it "
                    + "probably requires a client certificate, or refuses these TLS settings", Fix.CLIENT_CERTIFICATE_OR_TLS_VERSION);
        }
        return new TargetProblem("request to " + target + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                Fix.TARGET_AND_SERVER);
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
    public static TargetProblem describeStatus(RunSpec spec, int status) {
        String target = spec.client().target() + spec.path();
        return switch (status) {
            case 401 -> new TargetProblem("the server refused the credentials for " + target + " (401)", Fix.CREDENTIALS);
            case 403 -> new TargetProblem((spec.client().user() == null ? "the server refuses " : "user " + spec.client().user() + " may not ")
                    + spec.method() + " " + target + " (403)", Fix.ROLE);
            case 404 -> new TargetProblem("no such resource " + target + " (404)", Fix.PATH);
            case 405 -> new TargetProblem("method " + spec.method() + " is not allowed on " + target + " (405)", Fix.METHOD);
            default -> null;
        };
    }
}
