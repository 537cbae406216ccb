package io.restcost.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.session.RotationLimits;
import io.restcost.client.testing.RecordingListener;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ListenersTest {

    @Test
    void aListenerThatThrowsDoesNotStopTheListenersAfterIt() {
        RestClientListener throwing = new RestClientListener() {
            @Override
            public void sessionOpened(SessionInfo session) {
                throw new IllegalStateException("bug in the application's listener");
            }

            @Override
            public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
                throw new IllegalStateException("bug in the application's listener");
            }
        };
        RecordingListener after = new RecordingListener();
        RestClientListener both = Listeners.of(throwing, after);
        SessionInfo info = new SessionInfo(1, Origin.of(URI.create("https://h:1")), RotationLimits.NONE, 0);
        both.sessionOpened(info);
        both.sessionOpened(info);
        both.connectionClosed(info, CloseReason.SERVER, 3);
        assertThat(after.sessionsOpened).hasValue(2);
        assertThat(after.closed(CloseReason.SERVER)).containsExactly(3);
    }

    @Test
    void noListenersIsTheNoOpListener() {
        assertThat(Listeners.of(RestClientListener.NONE)).isSameAs(RestClientListener.NONE);
    }
}
