package io.techex.bidding;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Negotiated offers and auctions for licences: firms compete for technologies. */
@SpringBootApplication
public class BiddingServiceApplication {

    /** Configuration file name ({@code bidding-service.yml}), distinct per service so all four fit in one JVM. */
    public static final String CONFIG_NAME = "bidding-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(BiddingServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
