package io.techex.notification;

import io.techex.testkit.AccessMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.techex.testkit.AccessMatrix.Role.values;

/**
 * Every endpoint of notification-service × every role and every kind of bad token, against the running service. Every
 * role has a feed of its own: no path names whose it is, the token does.
 */
@NotificationTest
class NotificationAccessMatrixTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryRoleAsTheRulesSay() {
        AccessMatrix.of(context)
                .row("GET", "/notifications", null, values())
                // without Accept: text/event-stream, a 406: past security, and no stream that never ends
                .row("GET", "/notifications/stream", null, values())
                .row("POST", "/notifications/{notificationId}/read", null, values())
                .row("GET", "/notifications/preferences", null, values())
                // a body missing every field: past security, and no one's preferences changed
                .row("PUT", "/notifications/preferences", "{}", values())
                .verify();
    }
}
