package io.techex.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a validated token must name before anyone acts on it. */
class ActorTokenConverterTest {

    final ActorTokenConverter converter = new ActorTokenConverter();

    @Test
    void aTokenNamingPersonOrganisationAndRoleBecomesThatRolesAuthority() {
        var authentication = converter.convert(token("FIRM"));

        assertThat(authentication.getName()).isEqualTo("thu.vo");
        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_FIRM");
    }

    @Test
    void nobodyMayPoseAsTheExchangeItself() {
        assertThatThrownBy(() -> converter.convert(token("SYSTEM"))).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void anUnknownOrMissingRoleIsNoTokenOfOurs() {
        assertThatThrownBy(() -> converter.convert(token("STUDENT"))).isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> converter.convert(Jwt.withTokenValue("t").header("alg", "RS256")
                .claim("person", "thu.vo").claim("org", "mekong-biotech").issuedAt(Instant.now()).build()))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private static Jwt token(String role) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("thu.vo")
                .claim("person", "thu.vo").claim("org", "mekong-biotech").claim("role", role)
                .issuedAt(Instant.now()).build();
    }
}
