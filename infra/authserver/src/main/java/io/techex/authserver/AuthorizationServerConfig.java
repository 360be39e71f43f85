package io.techex.authserver;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.http.MediaType;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;

/**
 * The authorization server: one confidential client per demo person (client credentials, for curl and tests), the
 * web console's client (authorization code with PKCE, refresh tokens, RP-initiated logout) with a login page for the
 * demo people, self-contained RS256 JWT access tokens, and no endpoint beyond those, the JWK set, the two discovery
 * documents and health.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    static final String OIDC_DISCOVERY = "/.well-known/openid-configuration";
    static final String OAUTH_DISCOVERY = "/.well-known/oauth-authorization-server";

    @Bean
    DemoDirectory demoDirectory(AuthServerProperties properties) {
        return new DemoDirectory(properties.organisations());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(DemoDirectory directory, AuthServerProperties properties) {
        // Spring's InMemoryRegisteredClientRepository refuses two clients with the same stored secret, so
        // {noop}demo cannot serve them all: each gets its own salted bcrypt hash. Cost 4, the minimum, because
        // the secret is published in the README and a higher one would only slow every token request.
        PasswordEncoder encoder = new BCryptPasswordEncoder(4);
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.tokenTtl())
                .build();
        List<RegisteredClient> clients = directory.members().stream()
                .map(member -> RegisteredClient.withId(member.person().id())
                        .clientId(member.person().id())
                        .clientName(member.person().name() + " (" + member.organisation().name() + ")")
                        .clientSecret("{bcrypt}" + encoder.encode(properties.clientSecret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scope(TechExClaims.SCOPE)
                        .tokenSettings(tokens)
                        .build())
                .collect(Collectors.toCollection(ArrayList::new));
        clients.add(consoleClient(properties, encoder));
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * The web console: people sign in through it with the authorization-code flow, PKCE required, no consent page
     * (it is the exchange's own application). Its refresh tokens keep a person signed in for the console's session
     * length; each use issues a new one, so a stolen one works once at most.
     */
    private static RegisteredClient consoleClient(AuthServerProperties properties, PasswordEncoder encoder) {
        AuthServerProperties.Console console = properties.console();
        return RegisteredClient.withId(console.clientId())
                .clientId(console.clientId())
                .clientName("TechEx web console")
                .clientSecret("{bcrypt}" + encoder.encode(properties.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .redirectUris(uris -> uris.addAll(console.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(console.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(TechExClaims.SCOPE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.tokenTtl())
                        .refreshTokenTimeToLive(console.sessionTtl())
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }

    /** The demo people sign in with their person id and the demo secret. */
    @Bean
    UserDetailsService demoPeople(DemoDirectory directory, AuthServerProperties properties) {
        String password = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(properties.clientSecret());
        return new InMemoryUserDetailsManager(directory.members().stream()
                .map(member -> User.withUsername(member.person().id())
                        .password(password)
                        .roles(member.organisation().role().name())
                        .build())
                .toList());
    }

    /** Lets RP-initiated logout find the session a console's ID token was issued in ({@code sid}). */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    ServletListenerRegistrationBean<HttpSessionEventPublisher> httpSessionEventPublisher() {
        return new ServletListenerRegistrationBean<>(new HttpSessionEventPublisher());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(AuthServerProperties properties) {
        RSAKey key = properties.keyLocation() != null
                ? SigningKey.load(properties.keyLocation())
                : SigningKey.generate();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Shared by the token endpoint and {@link TokenMinter}, so both sign alike. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }

    /**
     * Unused by any served endpoint, but OpenID Connect support switches on bearer-token authentication for its
     * user-info endpoint, which cannot start without a decoder.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /** In place of Boot's error controller (it steps aside for any {@code ErrorController}). */
    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    TechExClaims techExClaims(DemoDirectory directory, AuthServerProperties properties) {
        return new TechExClaims(directory, properties.console());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthServerProperties properties) {
        // Without an issuer, Spring Authorization Server takes each request's own base URL, which is the only
        // correct value on a random port; discovery documents and tokens then agree per request.
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        properties.fixedIssuer().ifPresent(settings::issuer);
        return settings.build();
    }

    /**
     * Client-credentials tokens are self-contained and nothing reads them back, so none is kept: a store would hold
     * every token ever issued to curl until the process ends. Sign-ins through the console are kept in memory, as
     * the authorization code, the refresh token and logout's ID-token check read them back; a restart signs everyone
     * out of the console, which suits a demo server.
     */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        OAuth2AuthorizationService signIns = new InMemoryOAuth2AuthorizationService();
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
                    signIns.save(authorization);
                }
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                signIns.remove(authorization);
            }

            @Override
            public @Nullable OAuth2Authorization findById(String id) {
                return signIns.findById(id);
            }

            @Override
            public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
                return signIns.findByToken(token, tokenType);
            }
        };
    }

    @Bean
    TokenMinter tokenMinter(DemoDirectory directory, RegisteredClientRepository clients, JwtEncoder encoder,
                            TechExClaims claims, AuthorizationServerSettings settings, Environment environment) {
        return new TokenMinter(directory, clients, encoder, claims, settings, environment);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, AuthorizationServerSettings settings,
                                                     AuthServerProperties properties) {
        // Spring Authorization Server installs filters for all its endpoints (introspect, revoke, user info, device,
        // registration...); matching only the served ones sends the rest to the deny-all chain below.
        http.securityMatcher(servedEndpoints(settings, properties.console().clientId()))
                .oauth2AuthorizationServer(server -> server
                        .tokenEndpoint(token -> token.accessTokenRequestConverters(
                                converters -> converters.replaceAll(AuthorizationServerConfig::defaultingScope)))
                        .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                                document -> document.claims(AuthorizationServerConfig::advertiseServedOnly)))
                        // For /.well-known/openid-configuration, the first document Spring's resource servers look for
                        .oidc(oidc -> oidc
                                .providerConfigurationEndpoint(provider -> provider.providerConfigurationCustomizer(
                                        document -> document.claims(AuthorizationServerConfig::advertiseServedOnly)))
                                .logoutEndpoint(logout -> logout.authenticationProviders(providers -> providers.stream()
                                        .filter(OidcLogoutAuthenticationProvider.class::isInstance)
                                        .map(OidcLogoutAuthenticationProvider.class::cast)
                                        .forEach(provider -> provider.setAuthenticationValidator(
                                                LoopbackRedirects::checkPostLogoutRedirect))))))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // A browser asking to authorize without a session signs in first, and comes back
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginPage.EntryPoint(), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The login page: a form for the demo people, in Vietnamese or English. */
    @Bean
    @Order(2)
    SecurityFilterChain loginPage(HttpSecurity http) {
        http.securityMatcher(LoginPage.PATH)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .formLogin(form -> form.loginPage(LoginPage.PATH).failureUrl(LoginPage.PATH + "?error"));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        // Lets a rejected request's status reach the client as a problem; asked for directly, a 404
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    private static RequestMatcher servedEndpoints(AuthorizationServerSettings settings, String consoleClientId) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // Only the console signs people in: for any other client the endpoint does not exist (and Spring
        // Authorization Server answers a client without redirect URIs with a 500)
        RequestMatcher consoleAuthorization = new AndRequestMatcher(
                paths.matcher(HttpMethod.GET, settings.getAuthorizationEndpoint()),
                request -> consoleClientId.equals(request.getParameter("client_id")));
        return new OrRequestMatcher(
                paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
                paths.matcher(HttpMethod.GET, settings.getJwkSetEndpoint()),
                paths.matcher(HttpMethod.GET, OAUTH_DISCOVERY),
                paths.matcher(HttpMethod.GET, OIDC_DISCOVERY),
                consoleAuthorization,
                paths.matcher(HttpMethod.GET, settings.getOidcLogoutEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getOidcLogoutEndpoint()));
    }

    /**
     * RFC 6749 §3.3 lets a server apply a default when the client asks for no scope; without one the one-line
     * {@code curl} of the README would get a token with no {@code scope} claim at all.
     */
    private static AuthenticationConverter defaultingScope(AuthenticationConverter converter) {
        if (!(converter instanceof OAuth2ClientCredentialsAuthenticationConverter)) {
            return converter;
        }
        return request -> {
            Authentication converted = converter.convert(request);
            if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()
                    && grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                    && client.getRegisteredClient() != null) {
                return new OAuth2ClientCredentialsAuthenticationToken(
                        client, client.getRegisteredClient().getScopes(), grant.getAdditionalParameters());
            }
            return converted;
        };
    }

    /** Leaves out of the discovery documents what this server does not serve or offer. */
    private static void advertiseServedOnly(Map<String, Object> claims) {
        List.of(OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
                        OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED,
                        OAuth2AuthorizationServerMetadataClaimNames.DEVICE_AUTHORIZATION_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.PUSHED_AUTHORIZATION_REQUEST_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.REGISTRATION_ENDPOINT,
                        // No TLS here, so no certificate-bound tokens
                        OAuth2AuthorizationServerMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS,
                        OidcProviderMetadataClaimNames.USER_INFO_ENDPOINT)
                .forEach(claims::remove);
        claims.put(OAuth2AuthorizationServerMetadataClaimNames.GRANT_TYPES_SUPPORTED,
                List.of(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
                        AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
                        AuthorizationGrantType.REFRESH_TOKEN.getValue()));
        claims.put(OAuth2AuthorizationServerMetadataClaimNames.CODE_CHALLENGE_METHODS_SUPPORTED, List.of("S256"));
        claims.put(OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
                List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
                        ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue()));
        claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED,
                List.of(OidcScopes.OPENID, TechExClaims.SCOPE));
    }
}
