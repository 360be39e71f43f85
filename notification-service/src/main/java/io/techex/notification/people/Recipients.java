package io.techex.notification.people;

import io.techex.notification.addressing.Kind;
import io.techex.platform.actor.Actor;
import io.techex.platform.security.TokenClaims;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The people notification-service knows. Services do not read each other's data, and the authorization server's
 * directory is not the exchange's to read: a person becomes known from the access token of their first call (the
 * console calls {@code GET /notifications} when they sign in), which names their organisation, role and name, and
 * may carry {@code email} and {@code locale}. What the token says is refreshed on each call that brings something new;
 * what the person chose (language, e-mail on or off, kinds turned off) is theirs and stays.
 * <p>
 * Notifications are addressed to organisations, so someone known only later still finds their organisation's earlier
 * notifications in their feed; e-mail goes only to those known when a notification is written.
 */
@Component
public class Recipients {

    /** OpenID Connect's standard claims for the person's address and language. */
    public static final String EMAIL_CLAIM = "email";
    public static final String LOCALE_CLAIM = "locale";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Recipients(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The person calling, made known or brought up to date from their token. */
    public Recipient current(Actor actor) {
        String name = TokenClaims.current(TokenClaims.PERSON_NAME).orElse(null);
        String email = TokenClaims.current(EMAIL_CLAIM).filter(Recipients::isAddress).orElse(null);
        String language = TokenClaims.current(LOCALE_CLAIM).flatMap(Language::ofTag).map(Language::name).orElse(null);
        // only a change is written: a person's every call must not rewrite their row
        jdbc.update("""
                INSERT INTO recipient (person_id, organisation_id, role, name, email, token_language, first_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, role = EXCLUDED.role,
                    name = EXCLUDED.name, email = EXCLUDED.email, token_language = EXCLUDED.token_language
                WHERE (recipient.organisation_id, recipient.role, recipient.name, recipient.email, recipient.token_language)
                      IS DISTINCT FROM
                      (EXCLUDED.organisation_id, EXCLUDED.role, EXCLUDED.name, EXCLUDED.email, EXCLUDED.token_language)""",
                actor.personId(), actor.organisationId(), actor.role().name(), name, email, language,
                Timestamp.from(clock.instant()));
        return find(actor.personId()).orElseThrow();
    }

    public Optional<Recipient> find(String personId) {
        return jdbc.query("SELECT * FROM recipient WHERE person_id = ?", Recipients::recipient, personId).stream().findFirst();
    }

    /** Replaces the person's choices. */
    public Recipient choose(String personId, Language language, boolean emailEnabled, Set<Kind> muted) {
        jdbc.update("UPDATE recipient SET language = ?, email_enabled = ?, muted_kinds = ? WHERE person_id = ?",
                language.name(), emailEnabled, muted.stream().map(Kind::name).sorted().toArray(String[]::new), personId);
        return find(personId).orElseThrow();
    }

    static Recipient recipient(ResultSet row, int number) throws SQLException {
        String chosen = row.getString("language");
        String fromToken = row.getString("token_language");
        Language language = Language.ofTag(chosen).or(() -> Language.ofTag(fromToken)).orElse(Language.DEFAULT);
        return new Recipient(row.getString("person_id"), row.getString("organisation_id"), row.getString("role"),
                row.getString("name"), row.getString("email"), language, row.getBoolean("email_enabled"),
                kinds(row.getArray("muted_kinds")));
    }

    /** Kinds stored by name; a name no kind has any more is dropped. */
    static Set<Kind> kinds(Array names) throws SQLException {
        Set<String> known = Arrays.stream(Kind.values()).map(Kind::name).collect(Collectors.toSet());
        List<Kind> kinds = Arrays.stream((String[]) names.getArray()).filter(Objects::nonNull).filter(known::contains)
                .map(Kind::valueOf).toList();
        return kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
    }

    static boolean isAddress(String email) {
        try {
            new InternetAddress(email, true).validate();
            return email.contains("@");
        } catch (AddressException notAnAddress) {
            return false;
        }
    }
}
