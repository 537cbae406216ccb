package io.restcost.bench.cli;

import io.restcost.bench.run.MeasuredRun;
import io.restcost.bench.run.TargetProblem.Fix;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fixes of a target that cannot be measured, in the options that make them: the harness
 * says what happened and which fix applies; only the command line names its options.
 */
final class TargetWords {

    private static final Map<Fix, String> WORDS = new EnumMap<>(Map.ofEntries(
            Map.entry(Fix.LOGIN_CREDENTIALS, " (check --user and the password you gave)"),
            Map.entry(Fix.TARGET_HOST, " (check --target)"),
            Map.entry(Fix.SERVER_RUNNING, " (is the server running? check --target)"),
            Map.entry(Fix.NAME_ON_CERTIFICATE, " (connect by a name the certificate has, e.g. --target https://localhost:PORT, or reissue it)"),
            Map.entry(Fix.TRUST_THE_CA, " (give the CA that signed it with --ca-cert PEM or --truststore FILE; --insecure turns "
                    + "verification off)"),
            Map.entry(Fix.CHECK_TRUST, " (check --ca-cert or --truststore)"),
            Map.entry(Fix.CLIENT_CERTIFICATE, " (give --auth cert --keystore FILE --keystore-password-env VAR)"),
            Map.entry(Fix.NOT_TLS, Fix.NOT_TLS.plain()),
            Map.entry(Fix.GIVE_IT_LONGER, " (check --target and that the server is healthy, or give it longer with --response-timeout "
                    + "or --connect-timeout)"),
            Map.entry(Fix.TLS_SETTINGS, " (check --ca-cert, --keystore and --tls-protocol)"),
            Map.entry(Fix.CLIENT_CERTIFICATE_OR_TLS_VERSION, " (give --auth cert --keystore FILE --keystore-password-env VAR, or check "
                    + "--tls-protocol)"),
            Map.entry(Fix.TARGET_AND_SERVER, " (check --target and the server)"),
            Map.entry(Fix.CREDENTIALS, ": check --user, the password and --auth"),
            Map.entry(Fix.ROLE, Fix.ROLE.plain()),
            Map.entry(Fix.PATH, ": check --path (e.g. /ibmmq/rest/v2/admin/qmgr)"),
            Map.entry(Fix.METHOD, ": check --method"),
            Map.entry(Fix.NONE, "")));

    private TargetWords() {
    }

    /** {@code e}'s one line for the user: a target's problem with the options that fix it, any other error as it says. */
    static String message(Exception e) {
        if (e instanceof MeasuredRun.TargetException t && t.problem() != null) {
            return t.problem().what() + WORDS.get(t.problem().fix()) + t.note();
        }
        return e.getMessage();
    }

    /** Whether every fix has its words (a new fix without them would fall back to null). */
    static boolean coversEveryFix() {
        return WORDS.keySet().containsAll(java.util.EnumSet.allOf(Fix.class));
    }
}
