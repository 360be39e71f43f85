package io.techex.notification;

import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An {@link IntegrationTest} of notification-service, with the test JVM's SMTP server running ({@link MailServer}). */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MailServer.class)
@IntegrationTest
public @interface NotificationTest {
}
