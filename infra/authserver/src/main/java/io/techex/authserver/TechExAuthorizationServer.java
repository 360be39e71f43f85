package io.techex.authserver;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.endpoint.web.WebMvcHealthEndpointExtensionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * An OAuth2 authorization server for local runs and tests: every seeded demo person is a confidential client
 * that gets a JWT access token naming them, their organisation and its role with one request, e.g.
 * {@code curl -s -u lan.nguyen:demo -d grant_type=client_credentials http://localhost:9000/oauth2/token}; and the
 * same people sign in to the web console on its login page ({@code /login}).
 *
 * <p>Auto-configuration is an explicit list rather than {@code @EnableAutoConfiguration}: the launcher runs this
 * server on one classpath with the services, whose Axon, JDBC, Flyway, Kafka and Redis auto-configurations would
 * otherwise start here too and fail without their settings.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        LifecycleAutoConfiguration.class,
        ApplicationAvailabilityAutoConfiguration.class,
        SslAutoConfiguration.class,
        // Servlet web server and MVC (for the error page and actuator)
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        // The login page: templates and its texts in Vietnamese and English
        ThymeleafAutoConfiguration.class,
        MessageSourceAutoConfiguration.class,
        // Spring Security's filter chain (the chains themselves are in AuthorizationServerConfig)
        SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class,
        // /actuator/health with liveness and readiness groups
        EndpointAutoConfiguration.class,
        WebEndpointAutoConfiguration.class,
        JacksonEndpointAutoConfiguration.class,
        ManagementContextAutoConfiguration.class,
        ServletManagementContextAutoConfiguration.class,
        HealthContributorAutoConfiguration.class,
        HealthContributorRegistryAutoConfiguration.class,
        HealthEndpointAutoConfiguration.class,
        WebMvcHealthEndpointExtensionAutoConfiguration.class,
        AvailabilityHealthContributorAutoConfiguration.class,
        AvailabilityProbesAutoConfiguration.class,
        DiskSpaceHealthContributorAutoConfiguration.class,
})
@Import({AuthorizationServerConfig.class, LoginPage.class})
@EnableConfigurationProperties(AuthServerProperties.class)
public class TechExAuthorizationServer {

    /** Configuration file name ({@code authserver.yml}), distinct so it shares a classpath with the services. */
    public static final String CONFIG_NAME = "authserver";

    public static void main(String[] args) {
        start(args);
    }

    /**
     * Starts the server with {@code authserver.yml}; arguments as on the command line. Tests of other modules can
     * run one in their own JVM with {@code start("--server.port=0")} and mint tokens with its {@link TokenMinter}.
     */
    public static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(TechExAuthorizationServer.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
