package io.techex.notification.mail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * When this feed began ({@code feed_origin}, written by the schema's first migration). E-mail is for news: only a
 * notification of something that happened from then on is mailed. So a feed rebuilt from the topics into a fresh
 * schema sends nothing about what it replays, however many people and preferences were copied into it, and a feed
 * started for the first time over the exchange's history does not mail its past either.
 */
@Component
class FeedOrigin {

    private final JdbcTemplate jdbc;
    private volatile Instant mailFrom;

    FeedOrigin(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The schema's origin, read once: nothing changes it. */
    Instant mailFrom() {
        Instant known = mailFrom;
        if (known == null) {
            known = jdbc.queryForObject("SELECT mail_from FROM feed_origin", Timestamp.class).toInstant();
            mailFrom = known;
        }
        return known;
    }
}
