package io.techex.platform.security;

import io.techex.platform.config.Decorating;
import io.techex.platform.redis.RedisConfiguration;
import io.techex.platform.redis.RedisKeys;
import io.techex.platform.web.ActorResolver;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.DispatcherServlet;
import redis.clients.jedis.UnifiedJedis;

import java.time.Clock;
import java.util.Arrays;

/**
 * Every service is an OAuth2 resource server: requests carry a JWT from the TechEx authorization server
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), whose claims name the person, the organisation
 * and its role. Health metrics and the OpenAPI document are public; the service's {@link AccessRules} open what else each
 * role may call; everything else is denied, except that a method a path does not have is answered 405 by Spring MVC
 * ({@link UnsupportedMethodAccess}). Refusals are problem+json: 401 without a valid token, 403 for a role the rules
 * leave out.
 * <p>
 * Runs before Boot's security auto-configurations so that their default filter chains step aside.
 */
@AutoConfiguration(
        after = RedisConfiguration.class,
        beforeName = {
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(RateLimitProperties.class)
public class ResourceServerConfiguration {

    /**
     * GET only: the probes Kubernetes and the launcher poll, the metrics Prometheus scrapes (from inside the cluster,
     * where a scraper holding a token would be one more secret to rotate; an ingress in front must not route
     * /actuator outside), and the API description.
     */
    static final String[] PUBLIC_READS = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    SecurityFilterChain techexResourceServer(HttpSecurity http, ObjectProvider<AccessRules> serviceRules,
                                             ObjectProvider<DispatcherServlet> dispatcher) throws Exception {
        SecurityProblems problems = new SecurityProblems();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher publicPaths = new OrRequestMatcher(Arrays.stream(PUBLIC_READS).map(paths::matcher).toList());
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens, no cookies: nothing for a forged request to ride on
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(endpoints -> {
                    // errors are rendered by forwarding to /error; the original request was already authorized
                    endpoints.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    endpoints.requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll();
                    serviceRules.orderedStream().forEach(rules -> rules.define(endpoints));
                    // closed, but a method the path does not have is Spring MVC's 405 rather than a 403
                    endpoints.anyRequest().access(new UnsupportedMethodAccess(dispatcher, publicPaths));
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ActorTokenConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * Boot's decoder (from the issuer's discovery document, with its validators) stays as it is; {@link RecentTokens}
     * only spares it the tokens it has already verified.
     */
    @Bean
    static BeanPostProcessor recentTokens() {
        return Decorating.every(JwtDecoder.class, RecentTokens.class,
                decoder -> new RecentTokens(decoder, Clock.systemUTC(), RecentTokens.DEFAULT_CAPACITY));
    }

    /**
     * Spring Security's own observations off: with a tracer present it wrapped every filter of the chain in observations
     * and opened spans for the chain, the authentication and the authorization of every request: in the bench's floor
     * (infra/bench, an authenticated GET) the exchange's CPU per read went from 1.05 to 0.58 ms without them. The
     * request's own observation stays: its metrics (http.server.requests), its span and the trace it starts; a refused
     * token or access still answers 401 or 403 and counts there.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ActorResolver jwtActorResolver() {
        return new JwtActorResolver();
    }

    /** Order -50: after Spring Security's filters (-100), which identify the organisation, before idempotency (0). */
    @Bean
    FilterRegistrationBean<WriteRateLimitFilter> writeRateLimitFilter(UnifiedJedis redis, RedisKeys keys,
                                                                      RateLimitProperties limits,
                                                                      @Value("${spring.application.name}") String service) {
        var registration = new FilterRegistrationBean<>(new WriteRateLimitFilter(redis, keys, service, limits, Clock.systemUTC()));
        registration.setName("writeRateLimitFilter");
        registration.setOrder(-50);
        return registration;
    }
}
