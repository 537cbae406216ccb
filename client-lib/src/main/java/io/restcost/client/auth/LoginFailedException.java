package io.restcost.client.auth;

import java.io.IOException;

/** A login to mqweb did not produce a token. The message names the URL, the user and the fix, never the password. */
public final class LoginFailedException extends IOException {

    private final int status;

    /**
     * @param message names the URL, the user and the fix, never the password
     * @param status the login response's HTTP status, or -1 when none came
     */
    public LoginFailedException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of the login response, or -1 when none came. */
    public int status() {
        return status;
    }
}
