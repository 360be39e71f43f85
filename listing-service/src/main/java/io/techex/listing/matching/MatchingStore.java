package io.techex.listing.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.techex.contracts.EventJson;
import io.techex.listing.api.MatchKind;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One processor's items and term frequencies ({@code match_item} and {@code match_term}, or the policy's
 * {@code match_policy_item} and {@code match_policy_term}): the projection and the policy each keep their own, so that
 * neither reads what the other may not have brought up to the event it is handling.
 */
final class MatchingStore {

    /** The read model's tables, rebuilt by replaying the projection. */
    static final Tables PROJECTION = new Tables("match_item", "match_term");
    /** The policy's, which it keeps as it goes and never replays. */
    static final Tables POLICY = new Tables("match_policy_item", "match_policy_term");

    record Tables(String items, String terms) {
    }

    /** What array_to_string joins terms and surfaces with: a character that folded text never holds. */
    private static final String SEPARATOR = "\u001f";
    private static final ObjectReader FACTS = EventJson.mapper().readerFor(Facts.class);

    private final JdbcTemplate jdbc;
    private final Tables tables;

    MatchingStore(JdbcTemplate jdbc, Tables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    Optional<MatchItem> find(MatchKind kind, String itemId) {
        return jdbc.query(select() + " WHERE kind = ? AND item_id = ?", MatchingStore::item, kind.name(), itemId)
                .stream().findFirst();
    }

    void save(MatchItem item) {
        jdbc.update("INSERT INTO " + tables.items() + """
                 (kind, item_id, owner_organisation_id, open, facts, terms, weights, surfaces)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::text[], ?::real[], ?::text[])
                ON CONFLICT (kind, item_id) DO UPDATE SET owner_organisation_id = EXCLUDED.owner_organisation_id,
                    open = EXCLUDED.open, facts = EXCLUDED.facts, terms = EXCLUDED.terms, weights = EXCLUDED.weights,
                    surfaces = EXCLUDED.surfaces""",
                item.kind().name(), item.itemId(), item.ownerOrganisationId(), item.open(), json(item.facts()),
                item.profile().terms().toArray(String[]::new), item.profile().weights().toArray(Float[]::new),
                item.profile().surfaces().toArray(String[]::new));
    }

    /** The open items of {@code kind} but those of {@code ownerOrganisationId}: a firm is no match for its own listing. */
    List<MatchItem> openItems(MatchKind kind, String exceptOwner) {
        return jdbc.query(select() + " WHERE kind = ? AND open AND owner_organisation_id <> ? ORDER BY item_id",
                MatchingStore::item, kind.name(), exceptOwner);
    }

    /**
     * The arrays come as strings split here: the driver's parsing of a few hundred arrays of a hundred elements took
     * longer than scoring them.
     */
    private String select() {
        return "SELECT kind, item_id, owner_organisation_id, open, facts::text AS facts, array_to_string(terms, chr(31)) AS terms,"
                + " array_to_string(weights, ',') AS weights, array_to_string(surfaces, chr(31)) AS surfaces FROM " + tables.items();
    }

    /** An item came onto the market: each of its terms is held by one more open item. */
    void countTerms(List<String> terms) {
        if (!terms.isEmpty()) {
            jdbc.update("INSERT INTO " + tables.terms() + " (term, df) SELECT unnest(?::text[]), 1 "
                    + "ON CONFLICT (term) DO UPDATE SET df = " + tables.terms() + ".df + 1", (Object) terms.toArray(String[]::new));
        }
    }

    /** An item left the market (or its words changed): its terms are held by one open item fewer. */
    void uncountTerms(List<String> terms) {
        if (!terms.isEmpty()) {
            jdbc.update("UPDATE " + tables.terms() + " SET df = df - 1 WHERE term = ANY (?::text[])", (Object) terms.toArray(String[]::new));
            jdbc.update("DELETE FROM " + tables.terms() + " WHERE df <= 0 AND term = ANY (?::text[])", (Object) terms.toArray(String[]::new));
        }
    }

    DocumentFrequencies frequencies() {
        Map<String, Integer> byTerm = new HashMap<>();
        jdbc.query("SELECT term, df FROM " + tables.terms(), (ResultSet row) -> {
            byTerm.put(row.getString(1), row.getInt(2));
        });
        Integer open = jdbc.queryForObject("SELECT count(*) FROM " + tables.items() + " WHERE open", Integer.class);
        return new DocumentFrequencies(open == null ? 0 : open, byTerm);
    }

    void clear() {
        jdbc.update("DELETE FROM " + tables.items());
        jdbc.update("DELETE FROM " + tables.terms());
    }

    private static String json(Facts facts) {
        try {
            return EventJson.mapper().writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Facts always write as JSON", e);
        }
    }

    private static MatchItem item(ResultSet row, int rowNumber) throws SQLException {
        Facts facts;
        try {
            facts = FACTS.readValue(row.getString("facts"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable facts of " + row.getString("item_id"), e);
        }
        return new MatchItem(MatchKind.valueOf(row.getString("kind")), row.getString("item_id"),
                row.getString("owner_organisation_id"), row.getBoolean("open"), facts,
                new TermProfile(split(row.getString("terms"), SEPARATOR), split(row.getString("weights"), ",").stream()
                        .map(Float::valueOf).toList(), split(row.getString("surfaces"), SEPARATOR)));
    }

    private static List<String> split(String joined, String separator) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(Pattern.quote(separator), -1));
    }
}
