package io.techex.authserver;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console's sign-in against the real server over HTTP, as a browser and the console would do it: the
 * authorization-code flow with PKCE, the login page, the token exchange, a refresh and RP-initiated logout. The
 * console sits on a loopback IP with a port of its own, as in the browser tests.
 */
class ConsoleSignInHttpTest {

    private static final String CONSOLE = "http://127.0.0.1:18080";
    private static final String REDIRECT = CONSOLE + "/login/oauth2/code/techex";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private static ConfigurableApplicationContext server;
    private static String base;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = TechExAuthorizationServer.start("--server.port=0",
                "--techex.auth.key-location=classpath:test-signing-key.pem");
        base = "http://localhost:" + server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPersonSignsInOnTheLoginPageAndTheConsoleGetsTheirTokensCarryingTheClaimsCurlsTokensCarry() throws Exception {
        String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
        String authorize = authorizeUrl(challenge(verifier), "en");

        HttpResponse<String> toLogin = send(get(authorize).header("Accept", "text/html"));
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(location(toLogin)).isEqualTo(base + "/login?lang=en");

        HttpResponse<String> loginPage = send(get(location(toLogin)));
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("<label for=\"username\">User name</label>", "lang=\"en\"", "lan.nguyen");

        HttpResponse<String> wrong = send(post(base + "/login", form(Map.of("username", "lan.nguyen",
                "password", "not-demo", "_csrf", csrf(loginPage)))));
        assertThat(location(wrong)).isEqualTo(base + "/login?error");
        HttpResponse<String> again = send(get(base + "/login?error"));
        assertThat(again.body()).contains("Wrong user name or password");

        HttpResponse<String> signedIn = send(post(base + "/login", form(Map.of("username", "lan.nguyen",
                "password", "demo", "_csrf", csrf(again)))));
        assertThat(location(signedIn)).startsWith(base + "/oauth2/authorize?");
        HttpResponse<String> code = send(get(location(signedIn)));
        assertThat(location(code)).startsWith(REDIRECT + "?code=").contains("state=s1");
        String authorizationCode = query(location(code)).get("code");

        HttpResponse<String> withoutVerifier = tokenRequest(Map.of("grant_type", "authorization_code",
                "code", authorizationCode, "redirect_uri", REDIRECT));
        assertThat(withoutVerifier.statusCode()).as("PKCE is required").isEqualTo(400);

        // a code is single-use, and the failed attempt above spent nothing: PKCE is checked before the code is used
        String verifier2 = "v-" + UUID.randomUUID() + UUID.randomUUID();
        HttpResponse<String> code2 = send(get(authorizeUrl(challenge(verifier2), "vi")));
        Map<String, Object> tokens = JSONObjectUtils.parse(tokenRequest(Map.of("grant_type", "authorization_code",
                "code", query(location(code2)).get("code"), "redirect_uri", REDIRECT, "code_verifier", verifier2)).body());
        assertThat(tokens).containsKeys("access_token", "refresh_token", "id_token");

        JWTClaimsSet viaConsole = SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
        JWTClaimsSet viaCurl = SignedJWT.parse(clientCredentials("lan.nguyen", "demo")).getJWTClaimsSet();
        for (String claim : List.of("iss", "sub", "person", "name", "org", "org_name", "role", "country")) {
            assertThat(viaConsole.getClaim(claim)).as(claim).isEqualTo(viaCurl.getClaim(claim));
        }
        assertThat(viaConsole.getStringListClaim("scope")).contains(TechExClaims.SCOPE);
        JWTClaimsSet idToken = SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet();
        assertThat(idToken.getStringClaim("org_name")).isEqualTo("Đại học Bách khoa Hà Nội");
        assertThat(idToken.getStringClaim("role")).isEqualTo("UNIVERSITY");

        Map<String, Object> refreshed = JSONObjectUtils.parse(tokenRequest(Map.of("grant_type", "refresh_token",
                "refresh_token", (String) tokens.get("refresh_token"))).body());
        JWTClaimsSet afterRefresh = SignedJWT.parse((String) refreshed.get("access_token")).getJWTClaimsSet();
        assertThat(afterRefresh.getStringClaim("person")).isEqualTo("lan.nguyen");
        assertThat(afterRefresh.getStringClaim("org")).isEqualTo("hust");
        assertThat(refreshed.get("refresh_token")).as("a refresh token is used once").isNotEqualTo(tokens.get("refresh_token"));

        // RP-initiated logout, with the ID token of the refresh (which replaced the first one), ends the session here:
        // the next authorization asks for the password again
        assertThat(refreshed).containsKey("id_token");
        HttpResponse<String> loggedOut = send(get(base + "/connect/logout?id_token_hint=" + refreshed.get("id_token")
                + "&post_logout_redirect_uri=" + encode(CONSOLE + "/")));
        assertThat(location(loggedOut)).isEqualTo(CONSOLE + "/");
        HttpResponse<String> afterLogout = send(get(authorizeUrl(challenge(verifier), "vi")).header("Accept", "text/html"));
        assertThat(location(afterLogout)).isEqualTo(base + "/login?lang=vi");
    }

    @Test
    void aCodeGoesOnlyToARegisteredRedirectAndLogoutOnlyBackToARegisteredAddress() throws Exception {
        HttpResponse<String> elsewhere = send(get(base + "/oauth2/authorize?response_type=code&client_id=techex-console"
                + "&scope=openid%20techex&state=s&code_challenge_method=S256&code_challenge=" + challenge("x".repeat(50))
                + "&redirect_uri=" + encode("http://evil.example.org/login/oauth2/code/techex")));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(LoopbackRedirects.matches("http://127.0.0.1:40123/", List.of("http://127.0.0.1:8080/"))).isTrue();
        assertThat(LoopbackRedirects.matches("http://localhost:40123/", List.of("http://localhost:8080/"))).isFalse();
        assertThat(LoopbackRedirects.matches("http://127.0.0.1:40123/other", List.of("http://127.0.0.1:8080/"))).isFalse();
    }

    @Test
    void theConsolesOwnTokenIsAVisitorWhoSeesWhatAFirmSees() throws Exception {
        JWTClaimsSet visitor = SignedJWT.parse(clientCredentials("techex-console", "demo")).getJWTClaimsSet();

        assertThat(visitor.getStringClaim("person")).isEqualTo("visitor");
        assertThat(visitor.getStringClaim("org")).isEqualTo("techex-public");
        assertThat(visitor.getStringClaim("role")).isEqualTo("FIRM");
    }

    @Test
    void theLoginPageSpeaksVietnameseByDefault() throws Exception {
        HttpResponse<String> page = send(get(base + "/login"));

        assertThat(page.body()).contains("lang=\"vi\"", "<label for=\"username\">Tên đăng nhập</label>",
                "<label for=\"password\">Mật khẩu</label>");
    }

    private String authorizeUrl(String challenge, String language) {
        return base + "/oauth2/authorize?response_type=code&client_id=techex-console&scope=openid%20techex&state=s1"
                + "&redirect_uri=" + encode(REDIRECT) + "&code_challenge_method=S256&code_challenge=" + challenge
                + "&ui_locales=" + language;
    }

    private HttpResponse<String> tokenRequest(Map<String, String> parameters) throws Exception {
        return send(post(base + "/oauth2/token", form(parameters)).header("Authorization", basic("techex-console", "demo")));
    }

    private String clientCredentials(String client, String secret) throws Exception {
        HttpResponse<String> response = send(post(base + "/oauth2/token", form(Map.of("grant_type", "client_credentials")))
                .header("Authorization", basic(client, secret)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    private static HttpRequest.Builder post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a CSRF token on the login page").isTrue();
        return token.group(1);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
