package io.techex.notification.feed;

import io.techex.notification.addressing.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.notification.addressing.Kind;
import io.techex.notification.people.Recipient;
import io.techex.platform.rules.RuleViolation;
import jakarta.annotation.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a person's feed: the notifications of their organisation and their role, less the kinds they turned off,
 * newest first (by when what they tell happened, which a rebuilt feed has the same), in their language.
 */
@Component
public class Feed {

    private static final String SELECT = """
            SELECT n.notification_id, n.seq, n.kind, n.link, n.params, n.occurred_at, l.title_vi, l.title_en,
                   r.read_at IS NOT NULL AS read
            FROM notification n
            LEFT JOIN listing_fact l ON l.listing_id = n.params ->> 'listingId'
            LEFT JOIN notification_read r ON r.notification_id = n.notification_id AND r.person_id = ?
            WHERE n.audience = ANY(?) AND NOT (n.kind = ANY(?))""";

    private final JdbcTemplate jdbc;
    private final Renderer renderer;
    private final Clock clock;

    Feed(JdbcTemplate jdbc, Renderer renderer, Clock clock) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.clock = clock;
    }

    /**
     * @param nextCursor where the next page starts ({@code cursor}), null on the last page
     * @param unread     how many of the person's notifications they have not marked read
     */
    public record Page(List<NotificationView> items, @Nullable String nextCursor, long unread) {
    }

    public Page page(Recipient me, boolean unreadOnly, int limit, String cursor) {
        List<Object> args = new ArrayList<>(List.of(me.personId(), audiences(me), me.mutedNames()));
        StringBuilder sql = new StringBuilder(SELECT);
        if (unreadOnly) {
            sql.append(" AND r.read_at IS NULL");
        }
        if (cursor != null && !cursor.isBlank()) {
            Position after = Position.parse(cursor);
            sql.append(" AND (n.occurred_at, n.notification_id) < (?, ?)");
            args.add(Timestamp.from(after.occurredAt()));
            args.add(after.notificationId());
        }
        sql.append(" ORDER BY n.occurred_at DESC, n.notification_id DESC LIMIT ?");
        args.add(limit + 1);
        List<Row> rows = jdbc.query(sql.toString(), Feed::row, args.toArray());
        boolean more = rows.size() > limit;
        List<Row> page = more ? rows.subList(0, limit) : rows;
        String next = more ? new Position(page.getLast().occurredAt(), page.getLast().notificationId()).encode() : null;
        return new Page(page.stream().map(row -> view(row, me)).toList(), next, unread(me));
    }

    public long unread(Recipient me) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM notification n
                WHERE n.audience = ANY(?) AND NOT (n.kind = ANY(?)) AND NOT EXISTS (
                    SELECT 1 FROM notification_read r WHERE r.notification_id = n.notification_id AND r.person_id = ?)""",
                Long.class, audiences(me), me.mutedNames(), me.personId());
        return count == null ? 0 : count;
    }

    /** One of the person's notifications; empty for any other (another organisation's, or a kind they turned off). */
    public Optional<NotificationView> find(Recipient me, UUID notificationId) {
        return jdbc.query(SELECT + " AND n.notification_id = ?", Feed::row, me.personId(), audiences(me), me.mutedNames(),
                notificationId).stream().findFirst().map(row -> view(row, me));
    }

    /** The person's notifications this instance wrote after the one written {@code seq}-th, oldest first, at most 100. */
    public List<Entry> writtenAfter(Recipient me, long seq) {
        return jdbc.query(SELECT + " AND n.seq > ? ORDER BY n.seq LIMIT 100", Feed::row, me.personId(), audiences(me),
                me.mutedNames(), seq).stream().map(row -> new Entry(row.seq(), view(row, me))).toList();
    }

    /** Where a notification stands in this instance's writing order; empty if it is not (or no longer) here. */
    public Optional<Long> seqOf(UUID notificationId) {
        return jdbc.queryForList("SELECT seq FROM notification WHERE notification_id = ?", Long.class, notificationId)
                .stream().findFirst();
    }

    /** A notification with its place in the writing order. */
    public record Entry(long seq, NotificationView view) {
    }

    /** Marks one of the person's notifications read; empty if it is not one of theirs. */
    public Optional<NotificationView> markRead(Recipient me, UUID notificationId) {
        Optional<NotificationView> found = find(me, notificationId);
        if (found.isPresent() && !found.get().read()) {
            jdbc.update("""
                    INSERT INTO notification_read (person_id, notification_id, read_at) VALUES (?, ?, ?)
                    ON CONFLICT (person_id, notification_id) DO NOTHING""",
                    me.personId(), notificationId, Timestamp.from(clock.instant()));
            return find(me, notificationId);
        }
        return found;
    }

    private NotificationView view(Row row, Recipient me) {
        Renderer.Rendered words = renderer.render(row.kind(), row.params(), row.titles(), me.language().locale());
        Map<String, Object> params = EventJson.mapper().convertValue(row.params(), new TypeReference<>() {
        });
        return new NotificationView(row.notificationId(), row.kind(), row.link(), words.subject(), words.text(), params,
                row.occurredAt(), row.read());
    }

    private static String[] audiences(Recipient me) {
        return me.audiences().toArray(String[]::new);
    }

    /** A stored notification with the titles of its listing. */
    record Row(UUID notificationId, long seq, Kind kind, String link, JsonNode params, Instant occurredAt,
               Renderer.Titles titles, boolean read) {
    }

    static Row row(ResultSet rs, int number) throws SQLException {
        JsonNode params;
        try {
            params = EventJson.mapper().readTree(rs.getString("params"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification " + rs.getString("notification_id") + " has unreadable params", e);
        }
        return new Row(rs.getObject("notification_id", UUID.class), rs.getLong("seq"), Kind.valueOf(rs.getString("kind")),
                rs.getString("link"), params, rs.getTimestamp("occurred_at").toInstant(),
                new Renderer.Titles(rs.getString("title_vi"), rs.getString("title_en")), rs.getBoolean("read"));
    }

    /** Where a page ended: the last notification's time and id, opaque to clients. */
    record Position(Instant occurredAt, UUID notificationId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((occurredAt + "|" + notificationId).getBytes(StandardCharsets.UTF_8));
        }

        static Position parse(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
                if (parts.length == 2) {
                    return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
                }
            } catch (IllegalArgumentException | DateTimeParseException notOurs) {
                // answered below as the other malformed cursors are
            }
            // any string is a well-formed parameter; one this feed did not hand out breaks the rule of its use, as in the
            // other services' lists
            throw RuleViolation.invalid("cursor", "Not a cursor this feed handed out (nextCursor); start again without one");
        }
    }
}
