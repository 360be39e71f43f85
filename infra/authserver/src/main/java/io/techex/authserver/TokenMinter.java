package io.techex.authserver;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * <b>Test support.</b> Mints access tokens outside the token endpoint, with any issue and expiry instants, signed
 * by this server's real key and built by the same {@link JwtGenerator}, encoder and claims customizer as
 * {@code /oauth2/token}: a minted token differs from a fetched one only in its times (and {@code jti}).
 *
 * <p>Typical use in a resource-server test, with this server in the same JVM:
 * <pre>{@code
 * ConfigurableApplicationContext authServer = TechExAuthorizationServer.start("--server.port=0");
 * TokenMinter minter = authServer.getBean(TokenMinter.class);
 * // the resource server's spring.security.oauth2.resourceserver.jwt.issuer-uri = minter.issuer()
 * Instant now = Instant.now();
 * // Spring's JwtTimestampValidator allows 60 s of clock skew: expire well before that.
 * String expired = minter.mint("lan.nguyen", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
 * }</pre>
 */
public final class TokenMinter {

    private final DemoDirectory directory;
    private final RegisteredClientRepository clients;
    private final JwtEncoder encoder;
    private final OAuth2TokenCustomizer<JwtEncodingContext> customizer;
    private final AuthorizationServerSettings settings;
    private final Environment environment;

    TokenMinter(DemoDirectory directory, RegisteredClientRepository clients, JwtEncoder encoder,
                OAuth2TokenCustomizer<JwtEncodingContext> customizer, AuthorizationServerSettings settings,
                Environment environment) {
        this.directory = directory;
        this.clients = clients;
        this.encoder = encoder;
        this.customizer = customizer;
        this.settings = settings;
        this.environment = environment;
    }

    /**
     * The {@code iss} of minted tokens: the configured issuer, or on a random port
     * {@code http://localhost:<bound port>}, which is what the server itself answers to requests sent there.
     */
    public String issuer() {
        if (settings.getIssuer() != null) {
            return settings.getIssuer();
        }
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("the issuer follows the bound port, and the server is not listening yet");
        }
        return "http://localhost:" + port;
    }

    /** A token for {@code personId}, valid from now for the configured lifetime. */
    public String mint(String personId) {
        Instant now = Instant.now();
        return mint(personId, now, now.plus(client(personId).getTokenSettings().getAccessTokenTimeToLive()));
    }

    /**
     * A token for {@code personId} issued at {@code issuedAt} (also its {@code nbf}) and expiring at
     * {@code expiresAt}; both may lie in the past.
     *
     * @throws IllegalArgumentException for an unknown person, or unless {@code expiresAt} is after {@code issuedAt}
     */
    public String mint(String personId, Instant issuedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
        }
        RegisteredClient registered = client(personId);
        // JwtGenerator takes "now" from its clock and the lifetime from the client: pin both for this token.
        RegisteredClient client = RegisteredClient.from(registered)
                .tokenSettings(TokenSettings.withSettings(registered.getTokenSettings().getSettings())
                        .accessTokenTimeToLive(lifetime)
                        .build())
                .build();
        JwtGenerator generator = new JwtGenerator(encoder);
        generator.setJwtCustomizer(customizer);
        generator.setClock(Clock.fixed(issuedAt, ZoneOffset.UTC));
        Jwt jwt = generator.generate(DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(new OAuth2ClientAuthenticationToken(
                        client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null))
                .authorizationServerContext(new FixedContext(issuer(), settings))
                .authorizedScopes(client.getScopes())
                .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build());
        return Objects.requireNonNull(jwt, "JwtGenerator produced no token").getTokenValue();
    }

    private RegisteredClient client(String personId) {
        directory.get(personId);
        return Objects.requireNonNull(clients.findByClientId(personId), "no client registered for " + personId);
    }

    private record FixedContext(String issuer, AuthorizationServerSettings settings)
            implements AuthorizationServerContext {

        @Override
        public String getIssuer() {
            return issuer;
        }

        @Override
        public AuthorizationServerSettings getAuthorizationServerSettings() {
            return settings;
        }
    }
}
