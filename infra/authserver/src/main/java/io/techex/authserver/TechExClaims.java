package io.techex.authserver;

import io.techex.authserver.DemoDirectory.Member;
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

    public TechExClaims(DemoDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        // Every registered client is a demo person, so a miss is a wiring bug, not a bad request.
        Member member = directory.get(context.getRegisteredClient().getClientId());
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
}
