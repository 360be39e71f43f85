package io.techex.platform.security;

import io.techex.platform.actor.Actor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/**
 * Turns a validated token into an authentication whose single authority is the organisation's role
 * ({@code ROLE_UNIVERSITY}…) and whose name is the person. A token without a person, an organisation or a known
 * role is not one of the exchange's tokens and is refused as invalid (401), never let through half-identified.
 */
class ActorTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Actor actor;
        try {
            actor = JwtActorResolver.actorOf(jwt);
        } catch (IllegalStateException | IllegalArgumentException notOurs) {
            actor = null;
        }
        if (actor == null || actor.role() == Actor.Role.SYSTEM) {
            throw new InvalidBearerTokenException("The access token does not name a person, an organisation and one of the roles "
                    + List.of(Actor.Role.UNIVERSITY, Actor.Role.FIRM, Actor.Role.OPERATOR, Actor.Role.REGULATOR));
        }
        return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(AccessRules.role(actor.role()))),
                actor.personId());
    }
}
