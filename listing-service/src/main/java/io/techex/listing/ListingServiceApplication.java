package io.techex.listing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The technology catalogue: sellers draft listings, the operator verifies ownership, firms find them. */
@SpringBootApplication
public class ListingServiceApplication {

    /** Configuration file name ({@code listing-service.yml}), distinct per service so all four fit in one JVM. */
    public static final String CONFIG_NAME = "listing-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ListingServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
