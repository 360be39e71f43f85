package io.techex.audit;

import io.techex.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call what on audit-service. Regulators read every asset's trail, its exports and the proofs of any entry,
 * and may ask for a tree head to be signed. The signed tree heads, the keys that signed them and consistency proofs
 * between heads are for every party of the exchange: they hold nothing but hashes, and the log is only as
 * trustworthy as the number of people who keep copies of its heads to compare (outside the exchange, the heads are
 * on the {@code techex.audit.events} topic). They still need a token, as every endpoint here does. Nobody writes the
 * trail over HTTP; it is recorded from the other services' events. {@code AuditAccessMatrixTest} holds the expected
 * answer of every endpoint for every role.
 */
@Component
class AuditAccessRules implements AccessRules {

    private static final String[] EVERY_ROLE = {"UNIVERSITY", "FIRM", "OPERATOR", "REGULATOR"};

    @Override
    public void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.GET, "/audit/assets/*/trail", "/audit/assets/*/export",
                "/audit/log/proofs/inclusion").hasRole("REGULATOR");
        // the regulatory checks name contracts, parties and anomalies across the exchange: regulators' business only
        endpoints.requestMatchers(HttpMethod.GET, "/audit/checks", "/audit/checks/*").hasRole("REGULATOR");
        // market statistics for the ministry: who dealt with whom, for how much, is regulators' business only
        endpoints.requestMatchers(HttpMethod.GET, "/audit/statistics").hasRole("REGULATOR");
        endpoints.requestMatchers(HttpMethod.POST, "/audit/log/tree-heads").hasRole("REGULATOR");
        endpoints.requestMatchers(HttpMethod.GET, "/audit/log/tree-heads/*", "/audit/log/signing-keys",
                "/audit/log/proofs/consistency").hasAnyRole(EVERY_ROLE);
    }
}
