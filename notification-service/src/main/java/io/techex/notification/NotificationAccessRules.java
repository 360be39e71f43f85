package io.techex.notification;

import io.techex.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call what on notification-service: every person of every role has a feed, a stream and preferences, and
 * each reaches only their own. No path names a person: whose feed it is comes from the token alone, so there is no
 * other person's feed to ask for, and a notification of another organisation answers 404.
 * {@code NotificationAccessMatrixTest} holds the expected answer of every endpoint for every role.
 */
@Component
class NotificationAccessRules implements AccessRules {

    private static final String[] EVERY_ROLE = {"UNIVERSITY", "FIRM", "OPERATOR", "REGULATOR"};

    @Override
    public void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.GET, "/notifications", "/notifications/stream", "/notifications/preferences")
                .hasAnyRole(EVERY_ROLE);
        endpoints.requestMatchers(HttpMethod.PUT, "/notifications/preferences").hasAnyRole(EVERY_ROLE);
        endpoints.requestMatchers(HttpMethod.POST, "/notifications/*/read").hasAnyRole(EVERY_ROLE);
    }
}
