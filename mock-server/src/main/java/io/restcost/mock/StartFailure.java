package io.restcost.mock;

import java.io.IOException;
import java.net.BindException;
import java.security.GeneralSecurityException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns why Jetty (through WireMock) did not start into one line that names the setting to change. */
final class StartFailure {

    /** Jetty's refusal to start with fewer threads than its acceptors, selectors and reserve need. */
    private static final Pattern TOO_FEW_THREADS = Pattern.compile("Insufficient configured threads: required=(\\d+)");

    private StartFailure() {
    }

    static String describe(MockSettings s, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher threads = t.getMessage() == null ? null : TOO_FEW_THREADS.matcher(t.getMessage());
            if (threads != null && threads.find()) {
                return s.containerThreads() + " threads are too few for the server on this machine: it needs more than "
                        + threads.group(1) + " (give --threads " + (Integer.parseInt(threads.group(1)) + 4) + " or more)";
            }
            if (t instanceof BindException) {
                return "port " + s.port() + " on " + s.bindAddress() + " is in use (choose another with --port, or 0 for any free port)";
            }
            if (s.keyStore() != null && (t instanceof IOException || t instanceof GeneralSecurityException)) {
                return "keystore " + s.keyStore() + ": not a PKCS12 or JKS keystore, or its password is wrong "
                        + "(check --keystore and its password)";
            }
        }
        return "the mock server did not start: " + e;
    }
}
