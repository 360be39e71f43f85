package io.techex.console.security;

import io.techex.console.language.ConsoleLocales;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.AuthorizationCodeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizedClientRefreshedEventListener;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import java.util.HashSet;
import java.util.Set;

/**
 * Who is signed in, and how. People sign in at the authorization server (authorization code with PKCE); their
 * tokens stay in this server's session, the browser holds only the HttpOnly, SameSite session cookie, and every form
 * carries a CSRF token. Pages that show a person's own things need a sign-in; the catalogue and listing pages do not.
 * What a person may do is the services' decision, not this filter chain's.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations, ConsoleLocales locales) {
        http.authorizeHttpRequests(pages -> pages
                        .requestMatchers("/", "/technologies/*", "/technologies/*/documents/*", "/css/**", "/js/**",
                                "/webjars/**", "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(
                                authorizationRequests(registrations, locales)))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(roleFromIdToken()))
                        .successHandler(firstPage()))
                .oauth2Client(Customizer.withDefaults())
                // POST /logout (with its CSRF token) ends this session, then the authorization server's
                .logout(logout -> logout.logoutSuccessHandler(signOutEverywhere(registrations)))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new ExpiredFormHandler()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
                                + " frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * A signed-in person's tokens live in their servlet session, on this server only. Scaling the console out needs
     * that session shared (Spring Session on Redis) or sticky sessions; see the README.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** The token a person signed in with, refreshed when it has expired; kept in their session. */
    @Bean
    DefaultOAuth2AuthorizedClientManager personClients(ClientRegistrationRepository registrations,
                                                       OAuth2AuthorizedClientRepository authorizedClients,
                                                       ApplicationEventPublisher events) {
        RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
        // a refresh brings a new ID token; the listener below puts it in the session, where sign-out finds it
        refresh.setApplicationEventPublisher(events);
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(new DelegatingOAuth2AuthorizedClientProvider(
                new AuthorizationCodeOAuth2AuthorizedClientProvider(), refresh));
        return manager;
    }

    @Bean
    OidcAuthorizedClientRefreshedEventListener refreshedIdTokens() {
        return new OidcAuthorizedClientRefreshedEventListener();
    }

    /** The console's own token, for visitors who have not signed in: it reads the public catalogue only. */
    @Bean
    AuthorizedClientServiceOAuth2AuthorizedClientManager visitorClient(ClientRegistrationRepository registrations,
                                                                       OAuth2AuthorizedClientService clients) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(new ClientCredentialsOAuth2AuthorizedClientProvider());
        return manager;
    }

    /** PKCE on every authorization request, and the reader's language for the login page (OpenID's ui_locales). */
    private static OAuth2AuthorizationRequestResolver authorizationRequests(ClientRegistrationRepository registrations,
                                                                            ConsoleLocales locales) {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return withLanguage(resolver.resolve(request), request);
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return withLanguage(resolver.resolve(request, registrationId), request);
            }

            private OAuth2AuthorizationRequest withLanguage(OAuth2AuthorizationRequest authorization,
                                                            HttpServletRequest request) {
                if (authorization == null) {
                    return null;
                }
                String language = locales.resolveLocale(request).getLanguage();
                return OAuth2AuthorizationRequest.from(authorization)
                        .additionalParameters(parameters -> parameters.put("ui_locales", language))
                        .build();
            }
        };
    }

    /** {@code ROLE_UNIVERSITY}, {@code ROLE_FIRM}... from the ID token's {@code role} claim. */
    private static GrantedAuthoritiesMapper roleFromIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc && oidc.getIdToken().getClaimAsString("role") != null) {
                    mapped.add(new SimpleGrantedAuthority("ROLE_" + oidc.getIdToken().getClaimAsString("role")));
                }
            }
            return mapped;
        };
    }

    /** Back where the person was going; otherwise the page that answers "what needs me now?" for their role. */
    private static SavedRequestAwareAuthenticationSuccessHandler firstPage() {
        var handler = new SavedRequestAwareAuthenticationSuccessHandler();
        handler.setDefaultTargetUrl("/home");
        return handler;
    }

    private static OidcClientInitiatedLogoutSuccessHandler signOutEverywhere(ClientRegistrationRepository registrations) {
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        return handler;
    }
}
