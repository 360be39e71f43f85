package io.techex.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Tells each person of the exchange what concerns them: a feed, a live stream and e-mail, built from public events. */
@SpringBootApplication
public class NotificationServiceApplication {

    /** Configuration file name ({@code notification-service.yml}), distinct per service so all five fit in one JVM. */
    public static final String CONFIG_NAME = "notification-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(NotificationServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
