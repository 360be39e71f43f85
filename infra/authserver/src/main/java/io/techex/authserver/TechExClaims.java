package io.techex.authserver;

import io.techex.authserver.DemoDirectory.Member;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts who is acting into every access token, so resource servers need no lookup of their own.
 *
 * <p>An access token carries, besides the standard {@code iss}, {@code sub} (= person id), {@code aud} (= client
 * id = person id), {@code iat}, {@code nbf}, {@code exp}, {@code jti} and {@code scope} (a JSON array,
 * {@code ["techex"]}):
 * {@value #PERSON}, {@value #NAME}, {@value #ORGANISATION}, {@value #ORGANISATION_NAME}, {@value #ROLE} and
 * {@value #COUNTRY}; and, for a person the directory gives them, OpenID Connect's {@value #EMAIL} and {@value #LOCALE}
 * (notification-service mails and words notifications by them).
 *
 * <p>Who that is depends on the client. A demo person's own client (client credentials) is that person. The web
 * console's client is the person who signed in (authorization code, refresh token), and its client-credentials token
 * is the console's {@linkplain AuthServerProperties.Visitor visitor}. The console's ID tokens carry the same claims,
 * so that it can show who is signed in without reading the access token, which is the services' business.
 */
public final class TechExClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** Person id, equal to {@code sub}. */
    public static final String PERSON = "person";
    /** The person's display name. */
    public static final String NAME = "name";
    /** Organisation id, e.g. {@code hust}. */
    public static final String ORGANISATION = "org";
    /** The organisation's display name. */
    public static final String ORGANISATION_NAME = "org_name";
    /** {@code UNIVERSITY}, {@code FIRM}, {@code OPERATOR} or {@code REGULATOR}. */
    public static final String ROLE = "role";
    /** The organisation's ISO 3166-1 alpha-2 country code, e.g. {@code VN}. */
    public static final String COUNTRY = "country";
    /** The person's e-mail address, where the directory has one. */
    public static final String EMAIL = "email";
    /** The language the person reads, {@code vi} or {@code en}, where the directory has one. */
    public static final String LOCALE = "locale";
    /** The one scope every demo client has, and gets when it asks for none. */
    public static final String SCOPE = "techex";

    private final DemoDirectory directory;
    private final AuthServerProperties.Console console;

    public TechExClaims(DemoDirectory directory, AuthServerProperties.Console console) {
        this.directory = directory;
        this.console = console;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        Member member = actingFor(context);
        context.getClaims()
                .subject(member.person().id())
                .claim(PERSON, member.person().id())
                .claim(NAME, member.person().name())
                .claim(ORGANISATION, member.organisation().id())
                .claim(ORGANISATION_NAME, member.organisation().name())
                .claim(ROLE, member.organisation().role().name())
                .claim(COUNTRY, member.organisation().country());
        if (member.person().email() != null) {
            context.getClaims().claim(EMAIL, member.person().email());
        }
        if (member.person().locale() != null) {
            context.getClaims().claim(LOCALE, member.person().locale());
        }
    }

    /** Every registered client is a demo person or the console, so a miss is a wiring bug, not a bad request. */
    private Member actingFor(JwtEncodingContext context) {
        String clientId = context.getRegisteredClient().getClientId();
        if (!clientId.equals(console.clientId())) {
            return directory.get(clientId);
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return console.visitor().asMember();
        }
        // authorization code and refresh token: the person who signed in on the login page
        return directory.get(context.getPrincipal().getName());
    }
}
