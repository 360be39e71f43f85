package io.techex.platform.relay;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A TechEx service in miniature for the relay's tests: the platform's auto-configurations, as every service gets them,
 * and nothing else (no component scan). Its events are appended to the store by the tests themselves.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RelayTestApplication {

    /** The service's name: its schema, and its topic {@code techex.relaytest.events}. */
    static final String SERVICE_NAME = "relaytest";
}
