package io.techex.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.techex.testkit.openapi.OpenApiConformanceExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A Spring Boot test on a random port against real PostgreSQL, Kafka and Redis from {@link TestInfrastructure}, in
 * its own database and namespace ({@link TechExTestInitializer}). Inject {@link TestEnvironment} to reach them.
 * Test classes with the same configuration share one cached context, hence one database. A test class may add its
 * own {@code @ContextConfiguration}, {@code @TestPropertySource} and the like; the kit's properties still win.
 * Every answer the application gives is checked against its OpenAPI document: a test during which one strays from
 * it fails ({@link OpenApiConformanceExtension}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(TechExContextCustomizerFactory.class)
@ExtendWith(OpenApiConformanceExtension.class)
public @interface IntegrationTest {
}
