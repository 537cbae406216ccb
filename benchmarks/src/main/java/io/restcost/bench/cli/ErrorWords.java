package io.restcost.bench.cli;

import io.restcost.bench.run.MeasuredRun;
import io.restcost.bench.run.TargetProblem.Fix;
import io.restcost.bench.setting.Setting;
import io.restcost.bench.setting.SettingException;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the harness reports, in the command line's options: a target's problem with the options
 * that fix it, a setting by the option that sets it. The harness says what happened, which fix
 * applies and which settings are at fault; only the command line names its options.
 */
final class ErrorWords {

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

    private ErrorWords() {
    }

    private static final Map<Setting, String> OPTIONS = new EnumMap<>(Map.ofEntries(
            Map.entry(Setting.TARGET, "--target"),
            Map.entry(Setting.PATH, "--path"),
            Map.entry(Setting.METHOD, "--method"),
            Map.entry(Setting.ENGINE, "--engine"),
            Map.entry(Setting.AUTH, "--auth"),
            Map.entry(Setting.USER, "--user"),
            Map.entry(Setting.PASSWORD, "a password (--password-env VAR or --password-file FILE)"),
            Map.entry(Setting.CLIENT_CERTIFICATE, "--keystore FILE and --keystore-password-env VAR"),
            Map.entry(Setting.CA, "--ca-cert"),
            Map.entry(Setting.CA_OR_TRUSTSTORE, "--ca-cert or --truststore"),
            Map.entry(Setting.INSECURE, "--insecure"),
            Map.entry(Setting.TLS_RESUMPTION, "--tls-resumption"),
            Map.entry(Setting.TLS_GROUPS, "--tls-groups"),
            Map.entry(Setting.TLS_PROVIDER, "--tls-provider"),
            Map.entry(Setting.TLS_PROTOCOL, "--tls-protocol"),
            Map.entry(Setting.HTTP, "--http"),
            Map.entry(Setting.CONNECTIONS, "--connections"),
            Map.entry(Setting.RATE, "--rate"),
            Map.entry(Setting.SERVER_CPU, "--server-cpu"),
            Map.entry(Setting.SERVER_CPU_CREDENTIALS, "both --server-cpu-user and its password (--server-cpu-password-env VAR or "
                    + "--server-cpu-password-file FILE)"),
            Map.entry(Setting.RUNNER_INDEX, "--runner-index"),
            Map.entry(Setting.START_AT, "--start-at"),
            Map.entry(Setting.INSTANCES, "--instances"),
            Map.entry(Setting.OUT, "another with --out"),
            Map.entry(Setting.MAX_SPREAD, "a wider --max-spread")));

    /** {@code e}'s one line for the user: a target's problem with the options that fix it, a setting by its option, any other error as it says. */
    static String message(Exception e) {
        if (e instanceof MeasuredRun.TargetException t && t.problem() != null) {
            return t.problem().what() + WORDS.get(t.problem().fix()) + t.note();
        }
        if (e instanceof MeasuredRun.TargetException t && t.getCause() instanceof SettingException s) {
            return s.message(ErrorWords::option) + t.note();
        }
        if (e instanceof SettingException s) {
            return s.message(ErrorWords::option);
        }
        return e.getMessage();
    }

    /** The option that sets {@code setting}. */
    static String option(Setting setting) {
        return OPTIONS.get(setting);
    }

    /** Whether every fix has its words and every setting its option (a new one without them would read as null). */
    static boolean coversEveryFixAndSetting() {
        return WORDS.keySet().containsAll(java.util.EnumSet.allOf(Fix.class)) && OPTIONS.keySet().containsAll(java.util.EnumSet.allOf(Setting.class));
    }
}
