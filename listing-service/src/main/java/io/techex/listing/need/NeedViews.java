package io.techex.listing.need;

import io.techex.listing.api.Budget;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.NeedClosed;
import io.techex.listing.api.NeedExpired;
import io.techex.listing.api.NeedOwnerKind;
import io.techex.listing.api.NeedPublished;
import io.techex.listing.api.NeedRevised;
import io.techex.listing.api.NeedTakenDown;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The needs read model ({@code need_view}), built from the event store by its own processor ({@value #PROCESSING_GROUP})
 * and rebuilt by replaying it, and the queries on it. One need's events arrive in order and a retried batch replays
 * them in order; an insert leaves a need already there alone and a revision only moves forward, so handling an event
 * twice ends in the same row.
 */
@Component
@ProcessingGroup(NeedViews.PROCESSING_GROUP)
public class NeedViews {

    public static final String PROCESSING_GROUP = "listing-needs";
    static final int MAX_LIMIT = 100;
    private static final Pattern IPC_PREFIX = Pattern.compile("[A-H]([0-9]{1,2}([A-Z]( [0-9]{1,4}(/[0-9]{0,6})?)?)?)?");

    private final JdbcTemplate jdbc;

    NeedViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NeedDrafted event, @Timestamp Instant at) {
        NeedContent content = event.content();
        jdbc.update("""
                INSERT INTO need_view (need_id, owner_organisation_id, owner_kind, owner_name_public, status, revision,
                    title_vi, title_en, statement_vi, statement_en, keywords, ipc_classes, min_readiness_level, deal_types,
                    territory, budget_min, budget_max, budget_currency, deadline, drafted_at, updated_at)
                VALUES (?, ?, ?, ?, 'DRAFT', 0, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (need_id) DO NOTHING""",
                event.needId(), event.ownerOrganisationId(), content.ownerKind().name(), content.ownerNamePublic(),
                vi(content.title()), en(content.title()), vi(content.statement()), en(content.statement()),
                array(content.keywords()), array(content.ipcClasses()), content.minReadinessLevel(),
                array(content.dealTypes().stream().map(Enum::name).toList()), content.territory(),
                min(content.budget()), max(content.budget()), currency(content.budget()), timestamp(content.deadline()),
                timestamp(at), timestamp(at));
    }

    @EventHandler
    void on(NeedDraftRevised event, @Timestamp Instant at) {
        revise(event.needId(), event.revision(), event.content(), "DRAFT", at);
    }

    @EventHandler
    void on(NeedPublished event) {
        // the content is the draft's, already here; only a draft is published (a replayed batch finds it ended)
        jdbc.update("UPDATE need_view SET status = 'PUBLISHED', published_at = ?, updated_at = ? WHERE need_id = ? AND status = 'DRAFT'",
                timestamp(event.publishedAt()), timestamp(event.publishedAt()), event.needId());
    }

    @EventHandler
    void on(NeedRevised event) {
        revise(event.needId(), event.revision(), NeedContent.of(event), "PUBLISHED", event.revisedAt());
    }

    @EventHandler
    void on(NeedClosed event, @Timestamp Instant at) {
        end(event.needId(), NeedStatus.CLOSED, event.reason(), at);
    }

    @EventHandler
    void on(NeedExpired event, @Timestamp Instant at) {
        end(event.needId(), NeedStatus.EXPIRED, null, at);
    }

    @EventHandler
    void on(NeedTakenDown event, @Timestamp Instant at) {
        end(event.needId(), NeedStatus.TAKEN_DOWN, event.reason(), at);
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM need_view");
    }

    /** Content and status of a newer revision; an older one (a batch replayed) changes nothing. */
    private void revise(String needId, int revision, NeedContent content, String status, Instant at) {
        jdbc.update("""
                UPDATE need_view SET revision = ?, status = ?, owner_kind = ?, owner_name_public = ?, title_vi = ?,
                    title_en = ?, statement_vi = ?, statement_en = ?, keywords = ?::text[], ipc_classes = ?::text[],
                    min_readiness_level = ?, deal_types = ?::text[], territory = ?, budget_min = ?, budget_max = ?,
                    budget_currency = ?, deadline = ?, updated_at = ?
                WHERE need_id = ? AND revision < ?""",
                revision, status, content.ownerKind().name(), content.ownerNamePublic(), vi(content.title()),
                en(content.title()), vi(content.statement()), en(content.statement()), array(content.keywords()),
                array(content.ipcClasses()), content.minReadinessLevel(),
                array(content.dealTypes().stream().map(Enum::name).toList()), content.territory(),
                min(content.budget()), max(content.budget()), currency(content.budget()), timestamp(content.deadline()),
                timestamp(at), needId, revision);
    }

    private void end(String needId, NeedStatus status, String reason, Instant at) {
        jdbc.update("UPDATE need_view SET status = ?, ended_reason = ?, updated_at = ? WHERE need_id = ?",
                status.name(), reason, timestamp(at), needId);
    }

    public Optional<NeedRow> find(String needId) {
        return jdbc.query("SELECT * FROM need_view WHERE need_id = ?", NeedViews::row, needId).stream().findFirst();
    }

    /** The needs {@code organisationId} posted, in any status, the most recently changed first. */
    List<NeedRow> ofOwner(String organisationId, int limit) {
        return jdbc.query("SELECT * FROM need_view WHERE owner_organisation_id = ? ORDER BY updated_at DESC, need_id LIMIT ?",
                NeedViews::row, organisationId, limit);
    }

    /**
     * Needs in {@code statuses}, the most recently published first (drafts, for the operator and regulators, by when
     * they were drafted); words of {@code text} must all occur, diacritics ignored; {@code ipcPrefix} is the beginning
     * of one of the need's IPC fields. Pages are cut by keyset, {@code cursor} being the previous page's.
     */
    NeedPage browse(String text, String ipcPrefix, Set<NeedStatus> statuses, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RuleViolation.invalid("limit", "A page holds 1 to " + MAX_LIMIT + " needs, not " + limit);
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT *, coalesce(published_at, drafted_at) AS sort_at FROM need_view WHERE status IN (")
                .append(String.join(", ", Collections.nCopies(statuses.size(), "?"))).append(")");
        statuses.stream().map(Enum::name).sorted().forEach(args::add);
        if (text != null && !text.isBlank()) {
            sql.append(" AND search_vector @@ plainto_tsquery('simple', listing_fold(?))");
            args.add(text.strip());
        }
        if (ipcPrefix != null && !ipcPrefix.isBlank()) {
            String prefix = ipcPrefix.strip();
            if (!IPC_PREFIX.matcher(prefix).matches()) {
                throw RuleViolation.invalid("ipc", "An IPC prefix is the beginning of a symbol like C02F 1/28, not " + prefix);
            }
            // the pattern admits no LIKE wildcard; a need's field may also be broader than the prefix asked for
            sql.append(" AND EXISTS (SELECT 1 FROM unnest(ipc_classes) AS ipc WHERE ipc LIKE ? OR ? LIKE ipc || '%')");
            args.add(prefix + "%");
            args.add(prefix);
        }
        if (after != null) {
            sql.append(" AND (coalesce(published_at, drafted_at) < ? OR (coalesce(published_at, drafted_at) = ? AND need_id > ?))");
            args.add(timestamp(after.sortAt()));
            args.add(timestamp(after.sortAt()));
            args.add(after.needId());
        }
        sql.append(" ORDER BY sort_at DESC, need_id LIMIT ?");
        args.add(limit + 1);
        List<NeedRow> rows = jdbc.query(sql.toString(), NeedViews::row, args.toArray());
        boolean more = rows.size() > limit;
        List<NeedRow> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            NeedRow last = page.getLast();
            next = new Cursor(last.publishedAt() != null ? last.publishedAt() : last.draftedAt(), last.needId()).encode();
        }
        return new NeedPage(List.copyOf(page), next);
    }

    record NeedPage(List<NeedRow> rows, String nextCursor) {
    }

    /** base64url of {@code <sort time in microseconds>|<need id>}; opaque to callers. */
    private record Cursor(Instant sortAt, String needId) {

        String encode() {
            long micros = Math.addExact(Math.multiplyExact(sortAt.getEpochSecond(), 1_000_000L), sortAt.getNano() / 1_000);
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + needId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                if (parts.length != 2 || parts[1].isEmpty()) {
                    throw new IllegalArgumentException("not a cursor");
                }
                long micros = Long.parseLong(parts[0]);
                return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L), parts[1]);
            } catch (IllegalArgumentException e) {
                throw RuleViolation.invalid("cursor", "Not a cursor this list handed out; start again without one");
            }
        }
    }

    private static NeedRow row(ResultSet rs, int rowNumber) throws SQLException {
        BigDecimal max = rs.getBigDecimal("budget_max");
        Budget budget = max == null ? null : new Budget(rs.getBigDecimal("budget_min"), max, rs.getString("budget_currency"));
        return new NeedRow(rs.getString("need_id"), rs.getString("owner_organisation_id"),
                NeedOwnerKind.valueOf(rs.getString("owner_kind")), rs.getBoolean("owner_name_public"),
                NeedStatus.valueOf(rs.getString("status")), rs.getInt("revision"),
                text(rs.getString("title_vi"), rs.getString("title_en")),
                text(rs.getString("statement_vi"), rs.getString("statement_en")),
                strings(rs.getArray("keywords")), strings(rs.getArray("ipc_classes")), rs.getInt("min_readiness_level"),
                strings(rs.getArray("deal_types")).stream().map(DealType::valueOf).toList(), rs.getString("territory"),
                budget, instant(rs, "deadline"), instant(rs, "drafted_at"), instant(rs, "published_at"),
                instant(rs, "updated_at"), rs.getString("ended_reason"));
    }

    private static LocalizedText text(String vi, String en) {
        return new LocalizedText(vi, en);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String vi(LocalizedText text) {
        return text == null ? null : text.vi();
    }

    private static String en(LocalizedText text) {
        return text == null ? null : text.en();
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static BigDecimal min(Budget budget) {
        return budget == null ? null : budget.min();
    }

    private static BigDecimal max(Budget budget) {
        return budget == null ? null : budget.max();
    }

    private static String currency(Budget budget) {
        return budget == null ? null : budget.currency();
    }

    private static java.sql.Timestamp timestamp(Instant at) {
        return at == null ? null : java.sql.Timestamp.from(at);
    }
}
