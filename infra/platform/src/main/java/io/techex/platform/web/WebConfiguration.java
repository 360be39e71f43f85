package io.techex.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.techex.platform.redis.RedisConfiguration;
import io.techex.platform.redis.RedisKeys;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

import java.util.List;

/**
 * The HTTP conventions of every TechEx service: problem+json errors ({@link ProblemHandling}, also for errors
 * outside Spring MVC), the acting person (from the access token, see {@code ResourceServerConfiguration}) as a {@link CurrentActor}
 * parameter, {@code Idempotency-Key} on POST and
 * PATCH, and an OpenAPI document named after the service.
 * <p>
 * Runs before Boot's MVC and error auto-configurations so that its exception handler and error controller take
 * the place of Boot's, and after the security auto-configuration, which provides the token-reading {@link ActorResolver}.
 */
@AutoConfiguration(
        after = RedisConfiguration.class,
        afterName = "io.techex.platform.security.ResourceServerConfiguration",
        beforeName = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
                "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class WebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemHandling problemHandling() {
        return new ProblemHandling();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ProblemHandling problems) {
        return new ProblemErrorController(problems);
    }

    /**
     * Request bodies are read strictly: a property given twice is refused rather than the last one winning, and a
     * number with a fraction is not cut down to fit an integer field ({@code "readinessLevel": 6.9} is not 6). This
     * is the web layer's Jackson 3 mapper only; Axon serializes events with its own Jackson 2 mapper.
     */
    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    @Bean
    WebMvcConfigurer currentActorParameters(ActorResolver actors) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentActorArgumentResolver(actors));
            }
        };
    }

    /** Closed with the context: the claims of requests still running then lapse within one lease. */
    @Bean(destroyMethod = "close")
    IdempotencyClaims idempotencyClaims(UnifiedJedis redis, IdempotencyProperties idempotency) {
        return new IdempotencyClaims(redis, idempotency.lease(), idempotency.ttl());
    }

    /**
     * Order 0: after Spring Security's filters (-100), so that the key is scoped to the authenticated organisation,
     * and after Boot's request-wrapping filters.
     */
    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotencyClaims claims, RedisKeys keys, ActorResolver actors,
                                                                      IdempotencyProperties idempotency,
                                                                      @Value("${spring.application.name}") String service) {
        var filter = new IdempotencyKeyFilter(claims, keys, actors, service, idempotency.maxBody().toBytes());
        var registration = new FilterRegistrationBean<>(filter);
        registration.setName("idempotencyKeyFilter");
        registration.setOrder(0);
        return registration;
    }

    /**
     * Right after Boot's character encoding filter, before Spring Security (-100), whose bearer token lookup would
     * otherwise be the first to meet parameters the container cannot read.
     */
    @Bean
    FilterRegistrationBean<UnreadableParametersFilter> unreadableParametersFilter() {
        var registration = new FilterRegistrationBean<>(new UnreadableParametersFilter());
        registration.setName("unreadableParametersFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Money and percentages are decimal strings in every request and answer. */
    @Bean
    JsonMapperBuilderCustomizer exactDecimals() {
        return builder -> builder.addModule(ExactDecimals.module());
    }

    @Bean
    InputGuardAdvice inputGuardAdvice() {
        return new InputGuardAdvice();
    }

    /** Order 1: after security and idempotency, so a refused parameter is answered like any other bad request. */
    @Bean
    FilterRegistrationBean<InputGuardFilter> inputGuardFilter() {
        var registration = new FilterRegistrationBean<>(new InputGuardFilter());
        registration.setName("inputGuardFilter");
        registration.setOrder(1);
        return registration;
    }

    /** Tomcat's own error answers (a request it cannot parse or map) as problem+json: {@link ProblemReportValve}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReports {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return factory -> factory.addContextCustomizers(ProblemReportValve::install);
        }
    }

    /** The OpenAPI document ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenAPI.class, SpringDocUtils.class})
    static class OpenApi {

        static {
            // the actor is not an input of the API; the headers carrying it are documented by OpenApiConventions
            SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentActor.class);
        }

        @Bean
        @ConditionalOnMissingBean(OpenAPI.class)
        OpenAPI techexOpenApi(@Value("${spring.application.name}") String service) {
            return new OpenAPI().info(new Info().title(service).version("v1")
                    .description("""
                            Errors are RFC 9457 application/problem+json, naming each field at fault in `errors`. \
                            POST and PATCH accept an Idempotency-Key header. Money and percentages are exact decimal \
                            strings (schemas Amount and Percent), never JSON numbers. Whatever its schema, no field \
                            may hold a NUL character or a lone surrogate, a decimal with more than 24 digits before \
                            the point or 12 after it, or a date outside the years 1000 to 9999 (400). A method a path \
                            does not offer is a 405 problem."""));
        }

        @Bean
        OpenApiConventions techexOpenApiConventions() {
            return new OpenApiConventions();
        }

        @Bean
        DecimalSchemas techexDecimalSchemas() {
            return new DecimalSchemas();
        }

        @Bean
        FieldSchemas techexFieldSchemas() {
            return new FieldSchemas();
        }

        @Bean
        SchemaNames techexSchemaNames() {
            return new SchemaNames();
        }
    }
}
