package io.techex.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.techex.authserver.TechExAuthorizationServer;
import io.techex.authserver.TokenMinter;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens for tests, from the real TechEx authorization server ({@code infra/authserver}) started once per
 * JVM on a free port. Every environment of {@link TestInfrastructure} points its applications at this server
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), so a token from {@link #of(String)} is accepted
 * exactly as one fetched with curl in a local run.
 * <p>
 * The demo people ({@code authserver.yml}): {@link #UNIVERSITY} lan.nguyen of hust and {@link #UNIVERSITY_2}
 * quang.le of hcmut; {@link #FIRM} thu.vo of mekong-biotech and {@link #FOREIGN_FIRM} kenji.sato of kyoto-materials
 * (JP); {@link #OPERATOR} an.do of techex; {@link #REGULATOR} minh.tran of dost-hanoi.
 */
public final class TestTokens {

    public static final String UNIVERSITY = "lan.nguyen";
    public static final String UNIVERSITY_2 = "quang.le";
    public static final String FIRM = "thu.vo";
    public static final String FOREIGN_FIRM = "kenji.sato";
    public static final String OPERATOR = "an.do";
    public static final String REGULATOR = "minh.tran";

    /** One person of each role, by role name (as the {@code role} claim spells it). */
    public static final Map<String, String> PERSON_BY_ROLE = Map.of(
            "UNIVERSITY", UNIVERSITY, "FIRM", FIRM, "OPERATOR", OPERATOR, "REGULATOR", REGULATOR);

    private static final String CLIENT_SECRET = "demo";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static volatile TestTokens instance;

    private final ConfigurableApplicationContext server;
    private final TokenMinter minter;
    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> fetched = new ConcurrentHashMap<>();
    private final Map<String, String> forged = new ConcurrentHashMap<>();
    private RSAKey impostorKey;

    private TestTokens(ConfigurableApplicationContext server) {
        this.server = server;
        this.minter = server.getBean(TokenMinter.class);
        this.issuer = minter.issuer();
    }

    /** The JVM's authorization server, started on first use (about two seconds). */
    public static TestTokens get() {
        TestTokens tokens = instance;
        if (tokens == null) {
            synchronized (TestTokens.class) {
                tokens = instance;
                if (tokens == null) {
                    tokens = new TestTokens(TechExAuthorizationServer.start("--server.port=0",
                            "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
                    instance = tokens;
                }
            }
        }
        return tokens;
    }

    /** The issuer URI resource servers must trust: {@code http://localhost:<port>}. */
    public String issuer() {
        return issuer;
    }

    /**
     * A valid access token of {@code person}, fetched from the token endpoint with the client-credentials grant
     * (as the README's curl does) and reused for the JVM's life, well within its hour.
     */
    public String of(String person) {
        return fetched.computeIfAbsent(person, this::fetch);
    }

    /** {@code Bearer <token>}, for an {@code Authorization} header. */
    public String bearer(String person) {
        return "Bearer " + of(person);
    }

    /** A token of {@code person} signed by the real key that expired an hour ago (beyond any clock skew allowance). */
    public String expired(String person) {
        return forged.computeIfAbsent("expired:" + person, key -> {
            Instant now = Instant.now();
            return minter.mint(person, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        });
    }

    /** The same claims as {@code person}'s token, issued and signed by a server the services do not trust. */
    public String fromUnknownIssuer(String person) {
        return forged.computeIfAbsent("impostor:" + person, key -> forgeFromUnknownIssuer(person));
    }

    private String forgeFromUnknownIssuer(String person) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(of(person)).getJWTClaimsSet())
                    .issuer("https://impostor.example.org")
                    .build();
            RSAKey key = impostorKey();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("could not forge a token for " + person, e);
        }
    }

    /**
     * {@code person}'s real token with its payload edited to claim another role ({@code OPERATOR}, or
     * {@code REGULATOR} for the operator) while the original signature is kept: what a client escalating its own
     * privileges would send.
     */
    public String tampered(String person) {
        return forged.computeIfAbsent("tampered:" + person, key -> tamper(person));
    }

    private String tamper(String person) {
        try {
            SignedJWT original = SignedJWT.parse(of(person));
            Map<String, Object> claims = original.getJWTClaimsSet().toJSONObject();
            claims.put("role", "OPERATOR".equals(claims.get("role")) ? "REGULATOR" : "OPERATOR");
            Base64URL payload = Base64URL.encode(JWTClaimsSet.parse(claims).toString());
            String[] parts = original.getParsedString().split("\\.");
            return parts[0] + "." + payload + "." + parts[2];
        } catch (ParseException e) {
            throw new IllegalStateException("could not tamper with the token of " + person, e);
        }
    }

    /** One key for every forged token: generating a 2048-bit RSA key costs a noticeable share of a second. */
    private synchronized RSAKey impostorKey() throws JOSEException {
        if (impostorKey == null) {
            impostorKey = new RSAKeyGenerator(2048).keyID("impostor").generate();
        }
        return impostorKey;
    }

    private String fetch(String person) {
        String basic = Base64.getEncoder().encodeToString((person + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("the authorization server refused a token for " + person + ": "
                        + response.statusCode() + " " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TestTokens[" + issuer + ", running=" + server.isRunning() + "]";
    }
}
