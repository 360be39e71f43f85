package io.techex.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.techex.testkit.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token is verified once while it is current; time, not memory, decides when it stops being accepted. */
class RecentTokensTest {

    static final KeyPair KEYS = rsaKeys();
    final MovableClock clock = new MovableClock();
    final Instant issued = clock.instant().minusSeconds(1);
    final AtomicInteger verifications = new AtomicInteger();
    final RecentTokens tokens = new RecentTokens(counting(decoder(clock)), clock, 2);

    @Test
    void theSameTokenIsVerifiedOnceWhileItIsCurrent() {
        String token = sign(issued, issued.plus(Duration.ofMinutes(5)));

        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);

        assertThat(again.getSubject()).isEqualTo("thu.vo").isEqualTo(first.getSubject());
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoderWhichRefusesItAfterItsSkew() {
        String token = sign(issued, issued.plus(Duration.ofMinutes(5)));
        tokens.decode(token);

        clock.advance(Duration.ofMinutes(5).plusSeconds(30));
        tokens.decode(token); // still inside the decoder's 60 s of clock skew: its answer, not the memory's
        assertThat(verifications).hasValue(2);

        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        String token = sign(issued, issued.plus(Duration.ofMinutes(5)));
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void whenFullItForgetsAndVerifiesAgain() {
        String a = sign(issued, issued.plus(Duration.ofMinutes(5)));
        String b = sign(issued.plusSeconds(1), issued.plus(Duration.ofMinutes(5)));
        String c = sign(issued.plusSeconds(2), issued.plus(Duration.ofMinutes(5)));
        tokens.decode(a);
        tokens.decode(b);
        tokens.decode(c);
        tokens.decode(a);

        assertThat(verifications).hasValue(4);
    }

    private JwtDecoder counting(JwtDecoder decoder) {
        return token -> {
            verifications.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private static JwtDecoder decoder(Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(60));
        timestamps.setClock(clock);
        decoder.setJwtValidator(timestamps);
        return decoder;
    }

    private static String sign(Instant issuedAt, Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("thu.vo")
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt)).build());
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
