package io.restcost.client.auth;

import io.restcost.client.Origin;
import java.util.List;

/** Lets tests in other packages parse a Set-Cookie header the way the client does. */
public final class LtpaTokenAccess {

    private LtpaTokenAccess() {
    }

    public static LtpaToken parse(Origin origin, String setCookie) throws java.io.IOException {
        return LtpaToken.fromSetCookies(origin, List.of(setCookie), 0);
    }
}
