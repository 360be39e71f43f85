package io.techex.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the tokens it has verified, so a client that sends the same access token with every request (all of
 * them do, for the token's few minutes) has its signature checked once rather than on every request: the RSA check
 * and the parsing were about a sixth of a bid's HTTP work. A remembered token is the same bytes that were verified,
 * so only time can change the answer: it is taken from memory only while it has not expired nor is it early, judged
 * strictly; at the edge of its life it goes back to the decoder, whose validators (with their clock skew) decide
 * as they always did. Refusals are never remembered.
 * <p>
 * A key the issuer withdraws stops admitting new tokens at once, and the tokens already seen for at most their
 * remaining lifetime, as a stateless resource server that cached the key set would anyway. Bounded: when full it
 * forgets everything, which only costs the next requests a verification each.
 */
final class RecentTokens implements JwtDecoder {

    static final int DEFAULT_CAPACITY = 4096;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    RecentTokens(JwtDecoder decoder, Clock clock, int capacity) {
        this.decoder = decoder;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null && current(known, clock.instant())) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }

    private static boolean current(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        Instant notBefore = jwt.getNotBefore();
        return expiresAt != null && now.isBefore(expiresAt) && (notBefore == null || !now.isBefore(notBefore));
    }
}
