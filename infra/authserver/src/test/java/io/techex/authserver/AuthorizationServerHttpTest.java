package io.techex.authserver;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server over real HTTP on a random port, started as other modules' tests start it, and checked the way a
 * resource server checks its tokens. It signs with a fixed test key: generating an RSA key takes from 0.1 to over
 * 5 s under the build's C1-only JIT.
 */
class AuthorizationServerHttpTest {

    private static final String TEST_KEY = "classpath:test-signing-key.pem";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext server;
    private static TokenMinter minter;
    private static String port;

    @BeforeAll
    static void start() {
        server = TechExAuthorizationServer.start("--server.port=0", "--techex.auth.key-location=" + TEST_KEY);
        minter = server.getBean(TokenMinter.class);
        port = server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lan.nguyen | Nguyễn Thị Lan  | hust            | Đại học Bách khoa Hà Nội              | UNIVERSITY | VN | lan.nguyen@hust.example            | vi
            quang.le   | Lê Minh Quang   | hcmut           | Trường Đại học Bách khoa – ĐHQG-HCM   | UNIVERSITY | VN | quang.le@hcmut.example             | vi
            thu.vo     | Võ Thị Thu      | mekong-biotech  | Công ty CP Công nghệ sinh học Mê Kông | FIRM       | VN | thu.vo@mekong-biotech.example      | vi
            kenji.sato | Kenji Sato      | kyoto-materials | Kyoto Advanced Materials K.K.         | FIRM       | JP | kenji.sato@kyoto-materials.example | en
            an.do      | Đỗ Văn An       | techex          | Sàn giao dịch công nghệ TechEx        | OPERATOR   | VN | an.do@techex.example               | vi
            minh.tran  | Trần Quang Minh | dost-hanoi      | Sở Khoa học và Công nghệ Hà Nội       | REGULATOR  | VN | minh.tran@dost-hanoi.example       | vi
            """)
    void everySeededPersonGetsASignedTokenNamingThemAndTheirOrganisation(
            String person, String name, String org, String orgName, String role, String country, String email,
            String locale) throws Exception {
        // Exactly the README's one-liner: Basic credentials, no scope asked for.
        HttpResponse<String> response = tokenRequest(person, "demo");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("scope", TechExClaims.SCOPE);
        JWTClaimsSet claims = verified((String) body.get("access_token"));
        assertThat(claims.getSubject()).isEqualTo(person);
        assertThat(claims.getStringClaim(TechExClaims.PERSON)).isEqualTo(person);
        assertThat(claims.getStringClaim(TechExClaims.NAME)).isEqualTo(name);
        assertThat(claims.getStringClaim(TechExClaims.ORGANISATION)).isEqualTo(org);
        assertThat(claims.getStringClaim(TechExClaims.ORGANISATION_NAME)).isEqualTo(orgName);
        assertThat(claims.getStringClaim(TechExClaims.ROLE)).isEqualTo(role);
        assertThat(claims.getStringClaim(TechExClaims.COUNTRY)).isEqualTo(country);
        assertThat(claims.getStringClaim(TechExClaims.EMAIL)).isEqualTo(email);
        assertThat(claims.getStringClaim(TechExClaims.LOCALE)).isEqualTo(locale);
        assertThat(claims.getStringListClaim("scope")).containsExactly(TechExClaims.SCOPE);
        assertThat(claims.getAudience()).containsExactly(person);
        assertThat(claims.getIssuer()).isEqualTo(baseUrl());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theKeyFromKeyLocationIsTheOnePublished() throws Exception {
        RSAKey configured = SigningKey.load(new DefaultResourceLoader().getResource(TEST_KEY));

        List<JWK> published = JWKSet.parse(get("/oauth2/jwks").body()).getKeys();

        assertThat(published).containsExactly(configured.toPublicJWK());
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        HttpResponse<String> response = tokenRequest("lan.nguyen", "not-demo");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client");
    }

    @Test
    void anUnknownClientIsRefused() throws Exception {
        HttpResponse<String> response = tokenRequest("mallory", "demo");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client");
    }

    @Test
    void bothDiscoveryDocumentsNameTheIssuerTheTokensCarry() throws Exception {
        String tokenIssuer = verified(token("thu.vo")).getIssuer();

        for (String document : List.of(AuthorizationServerConfig.OIDC_DISCOVERY,
                AuthorizationServerConfig.OAUTH_DISCOVERY)) {
            Map<String, Object> metadata = JSONObjectUtils.parse(get(document).body());
            assertThat(metadata.get("issuer")).as(document).isEqualTo(tokenIssuer);
            assertThat(metadata.get("jwks_uri")).as(document).isEqualTo(tokenIssuer + "/oauth2/jwks");
            assertThat(metadata.get("grant_types_supported")).as(document)
                    .isEqualTo(List.of("client_credentials", "authorization_code", "refresh_token"));
            assertThat(metadata.get("code_challenge_methods_supported")).as(document).isEqualTo(List.of("S256"));
            assertThat(metadata.get("authorization_endpoint")).as(document).isEqualTo(tokenIssuer + "/oauth2/authorize");
            // Nothing advertised that the server refuses to serve
            assertThat(metadata).as(document).doesNotContainKeys(
                    "introspection_endpoint", "revocation_endpoint", "userinfo_endpoint");
        }
        assertThat(JSONObjectUtils.parse(get(AuthorizationServerConfig.OIDC_DISCOVERY).body()).get("end_session_endpoint"))
                .isEqualTo(tokenIssuer + "/connect/logout");
        // On a random port the issuer is the URL the request came in on: the bound port, never 0.
        assertThat(tokenIssuer).isEqualTo("http://localhost:" + port).isEqualTo(minter.issuer());
    }

    @Test
    void aMintedExpiredTokenIsSignedByTheServersKeyAndOtherwiseLikeAFetchedOne() throws Exception {
        Instant now = Instant.now();
        String expired = minter.mint("kenji.sato", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));

        JWTClaimsSet minted = verified(expired);
        JWTClaimsSet fetched = verified(token("kenji.sato"));
        assertThat(minted.getExpirationTime().toInstant()).isBefore(now);
        assertThat(minted.getIssueTime().toInstant())
                .isEqualTo(now.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(minted.getClaims().keySet()).isEqualTo(fetched.getClaims().keySet());
        for (String claim : List.of("iss", "sub", "aud", "scope", TechExClaims.PERSON, TechExClaims.NAME,
                TechExClaims.ORGANISATION, TechExClaims.ORGANISATION_NAME, TechExClaims.ROLE, TechExClaims.COUNTRY,
                TechExClaims.EMAIL, TechExClaims.LOCALE)) {
            assertThat(minted.getClaim(claim)).as(claim).isEqualTo(fetched.getClaim(claim));
        }
    }

    @Test
    void aSpringResourceServerPointedAtTheIssuerAcceptsAFetchedTokenAndRejectsAnExpiredOne() throws Exception {
        // What every TechEx service will do with spring.security.oauth2.resourceserver.jwt.issuer-uri
        JwtDecoder decoder = JwtDecoders.fromIssuerLocation(baseUrl());
        Instant now = Instant.now();

        assertThat(decoder.decode(token("minh.tran")).getClaimAsString(TechExClaims.ROLE)).isEqualTo("REGULATOR");
        assertThatThrownBy(() -> decoder.decode(
                minter.mint("minh.tran", now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(5)))))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void onlyTheTokenEndpointJwksDiscoveryHealthAndTheConsolesSignInAreServed() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/oauth2/jwks").statusCode()).isEqualTo(200);
        assertThat(get("/login").statusCode()).isEqualTo(200);
        for (String path : List.of("/oauth2/introspect", "/oauth2/revoke", "/oauth2/device_authorization",
                "/connect/register")) {
            assertThat(post(path, "token=x", "lan.nguyen", "demo").statusCode()).as(path).isEqualTo(403);
        }
        // only the console signs people in: a demo person's client has no authorization endpoint
        for (String path : List.of("/oauth2/authorize?response_type=code&client_id=lan.nguyen", "/userinfo",
                "/actuator", "/connect/register")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void theErrorPageAskedForDirectlyIsA404ProblemAndEveryRefusalIsAProblem() throws Exception {
        HttpResponse<String> error = get("/error");

        assertThat(error.statusCode()).as(error.body()).isEqualTo(404);
        assertThat(error.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSONObjectUtils.parse(error.body())).containsEntry("status", 404L)
                .containsEntry("type", "https://techex.io/problems/not-found").containsEntry("instance", "/error");

        HttpResponse<String> refused = get("/connect/register");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSONObjectUtils.parse(refused.body())).containsEntry("status", 403L)
                .containsEntry("type", "https://techex.io/problems/forbidden").containsEntry("instance", "/connect/register");
    }

    @Test
    void parametersTheServerCannotDecodeAreA400Problem() throws Exception {
        for (HttpResponse<String> response : List.of(get("/actuator/health?=x"), get("/actuator/health?x=%FF"),
                post("/oauth2/token?=x", "grant_type=client_credentials", "lan.nguyen", "demo"),
                post("/oauth2/token", "grant_type=client_credentials&x=%C3%28", "lan.nguyen", "demo"))) {
            assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString()).hasValue("application/problem+json");
        }
    }

    private String token(String person) throws IOException, InterruptedException, ParseException {
        HttpResponse<String> response = tokenRequest(person, "demo");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }

    /** The token's claims, once its RS256 signature checks out against the key the server publishes. */
    private JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWK key = JWKSet.parse(get("/oauth2/jwks").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("published key %s", jwt.getHeader().getKeyID()).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).as("signature").isTrue();
        return jwt.getJWTClaimsSet();
    }

    private HttpResponse<String> tokenRequest(String clientId, String secret) throws IOException, InterruptedException {
        return post("/oauth2/token", "grant_type=client_credentials", clientId, secret);
    }

    private HttpResponse<String> post(String path, String form, String clientId, String secret)
            throws IOException, InterruptedException {
        String credentials = Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Authorization", "Basic " + credentials)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
