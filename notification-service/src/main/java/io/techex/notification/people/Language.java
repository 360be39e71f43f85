package io.techex.notification.people;

import java.util.Locale;
import java.util.Optional;

/** The languages notifications are written in; lower case, as language tags are. */
@SuppressWarnings("java:S115") // constants named as the tags they are, so JSON and the token's locale claim read alike
public enum Language {
    vi, en;

    public static final Language DEFAULT = vi;

    public Locale locale() {
        return Locale.forLanguageTag(name());
    }

    /** The language of a locale tag such as {@code vi}, {@code en-GB} or {@code vi_VN}; empty for any other. */
    public static Optional<Language> ofTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        for (Language candidate : values()) {
            if (candidate.name().equals(language)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
