package io.techex.contract.signing;

import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ed25519 public keys registered per organisation. A key, once registered, never changes (a signature names it by
 * id, and the signed event carries the key itself, so the trail stays verifiable whatever happens here).
 */
@Component
public class SigningKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final JdbcTemplate jdbc;

    SigningKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record SigningKey(String keyId, String organisationId, String publicKey, String registeredBy, Instant registeredAt) {
    }

    public SigningKey register(String keyId, String publicKey, Actor actor, Instant at) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw RuleViolation.invalid("keyId", "A key id is 1 to 100 letters, digits, dots, hyphens or underscores");
        }
        Ed25519.publicKey(publicKey, "publicKey");
        try {
            jdbc.update("INSERT INTO signing_key (key_id, organisation_id, public_key, registered_by, registered_at) VALUES (?, ?, ?, ?, ?)",
                    keyId, actor.organisationId(), publicKey, actor.personId(), Timestamp.from(at));
        } catch (DuplicateKeyException taken) {
            SigningKey existing = find(keyId).orElseThrow();
            if (existing.organisationId().equals(actor.organisationId()) && existing.publicKey().equals(publicKey)) {
                return existing;
            }
            throw RuleViolation.conflict("key-id-taken", "Key id " + keyId + " is registered already; choose another");
        }
        return find(keyId).orElseThrow();
    }

    public Optional<SigningKey> find(String keyId) {
        return jdbc.query("SELECT * FROM signing_key WHERE key_id = ?", (rs, row) -> new SigningKey(rs.getString("key_id"),
                rs.getString("organisation_id"), rs.getString("public_key"), rs.getString("registered_by"),
                rs.getTimestamp("registered_at").toInstant()), keyId).stream().findFirst();
    }

    public List<SigningKey> of(String organisationId) {
        return jdbc.query("SELECT * FROM signing_key WHERE organisation_id = ? ORDER BY registered_at", (rs, row) -> new SigningKey(
                rs.getString("key_id"), rs.getString("organisation_id"), rs.getString("public_key"),
                rs.getString("registered_by"), rs.getTimestamp("registered_at").toInstant()), organisationId);
    }
}
