package io.restcost.bench.setting;

/**
 * The settings a run is made of, as the harness names them in its errors: in plain words here,
 * and as the options that set them on the command line ({@code cli/OptionNames}).
 */
public enum Setting {
    TARGET("target"),
    PATH("path"),
    METHOD("method"),
    ENGINE("engine"),
    AUTH("auth mode"),
    USER("a user"),
    PASSWORD("a password"),
    CLIENT_CERTIFICATE("a client keystore and its password"),
    CA("the CA"),
    CA_OR_TRUSTSTORE("the CA or a truststore"),
    INSECURE("insecure mode"),
    TLS_RESUMPTION("TLS resumption"),
    TLS_GROUPS("TLS groups"),
    TLS_PROVIDER("TLS provider"),
    TLS_PROTOCOL("TLS version"),
    HTTP("HTTP version"),
    CONNECTIONS("connections per server"),
    RATE("rate"),
    SERVER_CPU("server-CPU source"),
    SERVER_CPU_CREDENTIALS("the server-CPU source's user and password"),
    RUNNER_INDEX("runner index"),
    START_AT("start time"),
    INSTANCES("instances"),
    OUT("another results folder"),
    MAX_SPREAD("a wider tolerance of the runners' starts");

    private final String plain;

    Setting(String plain) {
        this.plain = plain;
    }

    /** In words that name no option, e.g. "auth mode" (as in "auth mode basic needs a user and a password"). */
    public String plain() {
        return plain;
    }
}
