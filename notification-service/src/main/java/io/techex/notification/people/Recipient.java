package io.techex.notification.people;

import io.techex.notification.addressing.Audience;
import io.techex.notification.addressing.Kind;

import java.util.List;
import java.util.Set;

/**
 * A person notification-service knows, with their preferences.
 *
 * @param email     from the access token's {@code email} claim; null when it has none (then no e-mail)
 * @param language  what they read: their own choice, else their token's {@code locale}, else Vietnamese
 * @param muted     kinds they turned off: not in their feed, their stream or their e-mail
 */
public record Recipient(String personId, String organisationId, String role, String name, String email,
                        Language language, boolean emailEnabled, Set<Kind> muted) {

    public Recipient {
        muted = Set.copyOf(muted);
    }

    /** The audiences whose notifications are theirs: their organisation's and their role's. */
    public List<String> audiences() {
        return Audience.keysOf(organisationId, role);
    }

    /** The muted kinds' names, as the feed's queries take them. */
    public String[] mutedNames() {
        return muted.stream().map(Kind::name).sorted().toArray(String[]::new);
    }
}
