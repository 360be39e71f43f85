package io.techex.platform.web;

import io.techex.testkit.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** {@link WebTestApplication} on a random port against real PostgreSQL, Kafka and Redis; one context for all. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@IntegrationTest
@TestPropertySource(properties = {
        "techex.service.name=" + WebTestApplication.SERVICE_NAME,
        // the conventions' tests write more than an organisation's minute allows; WriteRateLimitTest sets its own limit
        "techex.rate-limit.writes=100000",
        // lets the tests see which indicators make up readiness
        "management.endpoint.health.show-components=always"})
@interface WebTest {
}
