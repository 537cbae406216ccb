package io.restcost.client.event;

import io.restcost.client.http.Origin;
import io.restcost.client.session.RotationLimits;

/**
 * What a listener learns of a session when an event happens: its identity, the limits it
 * drew when it opened, and the requests it had carried by then. A snapshot, not the session
 * itself: keeping it changes nothing and it never changes.
 *
 * @param id unique within the JVM, in opening order
 * @param origin where the session's connections go
 * @param limits the limits the session drew when it opened
 * @param requests application requests the session had carried (logins not included)
 */
public record SessionInfo(long id, Origin origin, RotationLimits limits, int requests) {

    /** Whether the session's connections speak TLS. */
    public boolean secure() {
        return origin.secure();
    }
}
