package io.techex.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The exchange-wide trail of every IP transfer, for regulators. */
@SpringBootApplication
public class AuditServiceApplication {

    /** Configuration file name ({@code audit-service.yml}), distinct per service so all four fit in one JVM. */
    public static final String CONFIG_NAME = "audit-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(AuditServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
