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
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;
import java.util.Map;

/**
 * The authorization server: one confidential client per demo person (client credentials only), self-contained
 * RS256 JWT access tokens, and no endpoint beyond the token endpoint, the JWK set, the two discovery documents and
 * health.
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
                .toList();
        return new InMemoryRegisteredClientRepository(clients);
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
    TechExClaims techExClaims(DemoDirectory directory) {
        return new TechExClaims(directory);
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
     * Tokens are self-contained and nothing served reads an authorization back (no introspection, revocation,
     * refresh or authorization codes), so none is kept: the default in-memory service would hold every token
     * ever issued until the process ends.
     */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
            }

            @Override
            public @Nullable OAuth2Authorization findById(String id) {
                return null;
            }

            @Override
            public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
                return null;
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
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, AuthorizationServerSettings settings) {
        // Spring Authorization Server installs filters for all its endpoints (authorize, introspect, revoke,
        // user info, logout...); matching only the served ones sends the rest to the deny-all chain below.
        http.securityMatcher(servedEndpoints(settings))
                .oauth2AuthorizationServer(server -> server
                        .tokenEndpoint(token -> token.accessTokenRequestConverters(
                                converters -> converters.replaceAll(AuthorizationServerConfig::defaultingScope)))
                        .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                                document -> document.claims(AuthorizationServerConfig::advertiseServedOnly)))
                        // For /.well-known/openid-configuration, the first document Spring's resource servers look for
                        .oidc(oidc -> oidc.providerConfigurationEndpoint(provider -> provider
                                .providerConfigurationCustomizer(
                                        document -> document.claims(AuthorizationServerConfig::advertiseServedOnly)))))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        // Lets a rejected request's status reach the client as a problem; asked for directly, a 404
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    private static RequestMatcher servedEndpoints(AuthorizationServerSettings settings) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(
                paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
                paths.matcher(HttpMethod.GET, settings.getJwkSetEndpoint()),
                paths.matcher(HttpMethod.GET, OAUTH_DISCOVERY),
                paths.matcher(HttpMethod.GET, OIDC_DISCOVERY));
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

    /**
     * Leaves out of the discovery documents what this server does not serve or offer. The authorization
     * endpoint stays, though refused: both documents require it.
     */
    private static void advertiseServedOnly(Map<String, Object> claims) {
        List.of(OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
                        OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED,
                        OAuth2AuthorizationServerMetadataClaimNames.CODE_CHALLENGE_METHODS_SUPPORTED,
                        OAuth2AuthorizationServerMetadataClaimNames.DEVICE_AUTHORIZATION_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.PUSHED_AUTHORIZATION_REQUEST_ENDPOINT,
                        OAuth2AuthorizationServerMetadataClaimNames.REGISTRATION_ENDPOINT,
                        // No TLS here, so no certificate-bound tokens
                        OAuth2AuthorizationServerMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS,
                        OidcProviderMetadataClaimNames.USER_INFO_ENDPOINT,
                        OidcProviderMetadataClaimNames.END_SESSION_ENDPOINT)
                .forEach(claims::remove);
        claims.put(OAuth2AuthorizationServerMetadataClaimNames.GRANT_TYPES_SUPPORTED,
                List.of(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()));
        claims.put(OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
                List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
                        ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue()));
        claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED, List.of(TechExClaims.SCOPE));
    }
}
