package io.restcost.bench.run;

/**
 * Why a target cannot be measured, as the harness knows it: what happened, in one line that
 * names no option, and which fix applies. The command line words the fix with its options
 * ({@code cli/ErrorWords}); elsewhere (a matrix's {@code index.json}) {@link #toString()}
 * gives it in plain words.
 *
 * @param what e.g. {@code the certificate of https://mqweb:9443 is not trusted}; never a password or a token
 */
public record TargetProblem(String what, Fix fix) {

    /** The fixes a first failure can need, each with its words for where no command line names options. */
    public enum Fix {
        LOGIN_CREDENTIALS(" (check the user and the password)"),
        TARGET_HOST(" (check the target's host name)"),
        SERVER_RUNNING(" (is the server running? check the target)"),
        NAME_ON_CERTIFICATE(" (connect by a name the certificate has, or reissue it)"),
        TRUST_THE_CA(" (trust the CA that signed it)"),
        CHECK_TRUST(" (check the CA or truststore given)"),
        CLIENT_CERTIFICATE(" (give a client certificate)"),
        NOT_TLS(" (use an http:// target, or the server's HTTPS port)"),
        GIVE_IT_LONGER(" (check the target and that the server is healthy, or give it longer)"),
        TLS_SETTINGS(" (check the CA, the client certificate and the TLS version)"),
        CLIENT_CERTIFICATE_OR_TLS_VERSION(" (give a client certificate, or check the TLS version)"),
        TARGET_AND_SERVER(" (check the target and the server)"),
        CREDENTIALS(": check the user, the password and the auth mode"),
        ROLE(": give a user with the role it needs, or check the CSRF header rule"),
        PATH(": check the path (e.g. /ibmmq/rest/v2/admin/qmgr)"),
        METHOD(": check the method"),
        /** The problem's words say all there is. */
        NONE("");

        private final String plain;

        Fix(String plain) {
            this.plain = plain;
        }

        /** The fix in words that name no option. */
        public String plain() {
            return plain;
        }
    }

    /** The whole line in plain words, naming no option. */
    @Override
    public String toString() {
        return what + fix.plain();
    }
}
