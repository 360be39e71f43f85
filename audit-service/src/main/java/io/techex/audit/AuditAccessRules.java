package io.techex.audit;

import io.techex.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call what on audit-service: regulators read every asset's trail. Nobody writes here over HTTP; the trail
 * is recorded from the other services' events. Sellers and buyers see their own business in the services that hold
 * it. {@code AuditAccessMatrixTest} holds the expected answer of every endpoint for every role.
 */
@Component
class AuditAccessRules implements AccessRules {

    @Override
    public void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.GET, "/audit/assets/*/trail").hasRole("REGULATOR");
    }
}
