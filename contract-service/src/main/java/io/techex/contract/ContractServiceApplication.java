package io.techex.contract;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Contracts from an agreed deal to a signed, approved, registered and active licence or assignment. */
@SpringBootApplication
public class ContractServiceApplication {

    /** Configuration file name ({@code contract-service.yml}), distinct per service so all four fit in one JVM. */
    public static final String CONFIG_NAME = "contract-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ContractServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
