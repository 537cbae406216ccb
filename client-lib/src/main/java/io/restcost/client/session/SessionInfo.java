package io.restcost.client.session;

import io.restcost.client.Origin;

/** What listeners may read of a session: an immutable identity and live counters. */
public interface SessionInfo {

    /** Unique within the JVM, in opening order. */
    long id();

    Origin origin();

    /** The limits this session drew when it opened. */
    RotationLimits limits();

    /** Application requests the session has carried (logins not included). */
    int requests();

    /** Whether the session's connection speaks TLS. */
    default boolean secure() {
        return origin().secure();
    }
}
