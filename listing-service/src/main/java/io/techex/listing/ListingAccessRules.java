package io.techex.listing;

import io.techex.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call what on listing-service. Sellers (universities, institutes, any IP holder) draft and revise their
 * listings; every organisation may read a listing it can see, and which it can see (a draft only its seller) is
 * decided where listings are read, answering 404 for the rest. Anything not named here is closed.
 * {@code ListingAccessMatrixTest} holds the expected answer of every endpoint for every role.
 */
@Component
class ListingAccessRules implements AccessRules {

    private static final String SELLER = "UNIVERSITY";

    @Override
    public void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints
                .requestMatchers(HttpMethod.POST, "/listings").hasRole(SELLER)
                .requestMatchers(HttpMethod.PUT, "/listings/*/draft").hasRole(SELLER)
                .requestMatchers(HttpMethod.GET, "/listings/*").authenticated();
    }
}
