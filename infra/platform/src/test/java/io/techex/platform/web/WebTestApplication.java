package io.techex.platform.web;

import io.techex.platform.security.AccessRules;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/**
 * A TechEx service in miniature for the web conventions' tests: the platform's auto-configurations (as every service
 * gets them) and one controller. No component scan, so nothing else in the test sources leaks in.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ExchangeTestController.class, Gate.class, EdgeTestController.class, Registration.class})
public class WebTestApplication {

    /** What the tests' service is called; its schema and migrations ({@code db/webtest}) derive from it. */
    static final String SERVICE_NAME = "webtest";

    /** Header that makes a servlet filter throw, for errors that happen outside Spring MVC. */
    static final String EXPLODE = "X-Test-Explode";

    /**
     * Regulators alone read {@code /things/regulated}; any authenticated organisation the rest of {@code /things};
     * universities alone read {@code /reports/*}.
     */
    @Bean
    AccessRules thingRules() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.GET, "/reports/*").hasRole("UNIVERSITY")
                .requestMatchers(HttpMethod.GET, "/things/regulated").hasRole("REGULATOR")
                .requestMatchers("/things", "/things/**").authenticated();
    }

    @Bean
    FilterRegistrationBean<Filter> explodingFilter() {
        return new FilterRegistrationBean<>((request, response, chain) -> {
            if (((HttpServletRequest) request).getHeader(EXPLODE) != null) {
                throw new IllegalStateException("filter failed at com.internal.Secret, password=hunter2");
            }
            chain.doFilter(request, response);
        });
    }
}
