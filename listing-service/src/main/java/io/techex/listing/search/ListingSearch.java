package io.techex.listing.search;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.platform.rules.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds listings in {@code listing_search}. Text is matched word by word without diacritics or case ("dieu tri"
 * finds "Điều trị"); pages are cut by keyset on the sort key and the listing id, so a page never repeats or skips a
 * listing that kept its place, however many are added meanwhile.
 *
 * <p>The cursor is opaque to callers: base64url of {@code <sort>|<sort key>|<listing id>}, where the key is the
 * relevance as PostgreSQL computed it (a float4, which {@link Float#toString} carries exactly) or the publish time in
 * microseconds.
 */
@Component
public class ListingSearch {

    /** What a buyer browsing the exchange may find: listings on the market or licensed on it. */
    public static final Set<ListingStatus> MARKET = Set.copyOf(EnumSet.of(ListingStatus.PUBLISHED,
            ListingStatus.UNDER_NEGOTIATION, ListingStatus.UNDER_AUCTION, ListingStatus.LICENSED));
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private static final Pattern IPC_PREFIX = Pattern.compile("[A-H]([0-9]{1,2}([A-Z]( [0-9]{1,4}(/[0-9]{0,6})?)?)?)?");
    private static final String NEVER_PUBLISHED = "TIMESTAMPTZ 'epoch'";

    private final JdbcTemplate jdbc;

    ListingSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SearchPage search(SearchQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw RuleViolation.invalid("limit", "A page holds 1 to " + MAX_LIMIT + " listings, not " + query.limit());
        }
        String text = query.text() == null || query.text().isBlank() ? null : query.text().strip();
        boolean byRelevance = query.sort() == SearchQuery.Sort.RELEVANCE && text != null;
        Cursor after = query.cursor() == null ? null : Cursor.decode(query.cursor(), byRelevance);

        List<Object> args = new ArrayList<>();
        StringBuilder inner = new StringBuilder("SELECT s.*, ");
        if (text != null) {
            inner.append("ts_rank_cd(s.search_vector, q.query) AS relevance");
        } else {
            inner.append("0::real AS relevance");
        }
        inner.append(", COALESCE(s.published_at, ").append(NEVER_PUBLISHED).append(") AS sort_at FROM listing_search s");
        if (text != null) {
            inner.append(", plainto_tsquery('simple', listing_fold(?)) AS q(query)");
            args.add(text);
        }
        statuses(query, inner, args);
        if (text != null) {
            inner.append(" AND s.search_vector @@ q.query");
        }
        filters(query, inner, args);

        StringBuilder sql = new StringBuilder("SELECT * FROM (").append(inner).append(") hits");
        if (after != null) {
            if (byRelevance) {
                sql.append(" WHERE (relevance < ? OR (relevance = ? AND listing_id > ?))");
                args.add(after.relevance());
                args.add(after.relevance());
            } else {
                sql.append(" WHERE (sort_at < ? OR (sort_at = ? AND listing_id > ?))");
                args.add(Timestamp.from(after.publishedAt()));
                args.add(Timestamp.from(after.publishedAt()));
            }
            args.add(after.listingId());
        }
        sql.append(byRelevance ? " ORDER BY relevance DESC, listing_id" : " ORDER BY sort_at DESC, listing_id");
        sql.append(" LIMIT ?");
        // one more than asked tells whether there is a next page without counting
        args.add(query.limit() + 1);

        List<Row> rows = jdbc.query(sql.toString(), ListingSearch::row, args.toArray());
        boolean more = rows.size() > query.limit();
        List<Row> page = more ? rows.subList(0, query.limit()) : rows;
        String next = null;
        if (more) {
            Row last = page.getLast();
            next = (byRelevance ? new Cursor(true, last.hit().relevance(), null, last.hit().listingId())
                    : new Cursor(false, 0, last.sortAt(), last.hit().listingId())).encode();
        }
        return new SearchPage(page.stream().map(Row::hit).toList(), next);
    }

    /**
     * The statuses asked for; those not public (before publication, withdrawn) only of the organisation's own listings
     * when the query is limited to them.
     */
    private static void statuses(SearchQuery query, StringBuilder sql, List<Object> args) {
        List<String> open = query.statuses().stream()
                .filter(status -> query.privateStatusesOf() == null || status.isPublic()).map(Enum::name).sorted().toList();
        List<String> own = query.privateStatusesOf() == null ? List.of()
                : query.statuses().stream().filter(status -> !status.isPublic()).map(Enum::name).sorted().toList();
        sql.append(" WHERE (");
        sql.append(open.isEmpty() ? "FALSE" : "s.status IN (" + placeholders(open.size()) + ")");
        args.addAll(open);
        if (!own.isEmpty()) {
            sql.append(" OR (s.status IN (").append(placeholders(own.size())).append(") AND s.seller_organisation_id = ?)");
            args.addAll(own);
            args.add(query.privateStatusesOf());
        }
        sql.append(")");
    }

    private static void filters(SearchQuery query, StringBuilder sql, List<Object> args) {
        if (!query.assetTypes().isEmpty()) {
            sql.append(" AND s.asset_type IN (").append(placeholders(query.assetTypes().size())).append(")");
            query.assetTypes().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (query.ipcPrefix() != null && !query.ipcPrefix().isBlank()) {
            String prefix = query.ipcPrefix().strip();
            if (!IPC_PREFIX.matcher(prefix).matches()) {
                throw RuleViolation.invalid("ipcPrefix", "An IPC prefix is the beginning of a symbol like A61K 36/00, not " + prefix);
            }
            // the pattern admits no LIKE wildcard, so the prefix is matched literally
            sql.append(" AND EXISTS (SELECT 1 FROM unnest(s.ipc_classes) AS ipc WHERE ipc LIKE ?)");
            args.add(prefix + "%");
        }
        Integer min = query.minReadiness();
        Integer max = query.maxReadiness();
        if (min != null && (min < 1 || min > 9)) {
            throw RuleViolation.invalid("minReadiness", "Technology readiness level is 1 to 9, not " + min);
        }
        if (max != null && (max < 1 || max > 9)) {
            throw RuleViolation.invalid("maxReadiness", "Technology readiness level is 1 to 9, not " + max);
        }
        if (min != null && max != null && min > max) {
            throw RuleViolation.invalid("minReadiness", "The lowest readiness " + min + " is above the highest " + max);
        }
        if (min != null) {
            sql.append(" AND s.readiness_level >= ?");
            args.add(min);
        }
        if (max != null) {
            sql.append(" AND s.readiness_level <= ?");
            args.add(max);
        }
        if (query.dealType() != null) {
            sql.append(" AND ? = ANY (s.deal_types)");
            args.add(query.dealType().name());
        }
        if (query.price() != null) {
            price(query.price(), sql, args);
        }
        if (query.sellerOrganisationId() != null) {
            sql.append(" AND s.seller_organisation_id = ?");
            args.add(query.sellerOrganisationId());
        }
    }

    private static void price(SearchQuery.PriceRange range, StringBuilder sql, List<Object> args) {
        String currency = range.currency() == null ? AskingPrice.DEFAULT_CURRENCY : range.currency();
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("price.currency", "A currency is an ISO 4217 code like VND, not " + currency);
        }
        BigDecimal min = range.min();
        BigDecimal max = range.max();
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw RuleViolation.invalid("price.min", "The lowest price " + min.toPlainString() + " is above the highest " + max.toPlainString());
        }
        // amounts in different currencies are never compared: no exchange rate is applied
        sql.append(" AND NOT s.price_on_request AND s.price_currency = ?");
        args.add(currency);
        if (min != null) {
            sql.append(" AND s.price_amount >= ?");
            args.add(min);
        }
        if (max != null) {
            sql.append(" AND s.price_amount <= ?");
            args.add(max);
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private record Row(SearchHit hit, Instant sortAt) {
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        BigDecimal amount = rs.getBigDecimal("price_amount");
        String currency = rs.getString("price_currency");
        AskingPrice price = rs.getBoolean("price_on_request") ? AskingPrice.onRequestOnly()
                : amount == null ? null : new AskingPrice(amount, currency, false);
        Timestamp publishedAt = rs.getTimestamp("published_at");
        SearchHit hit = new SearchHit(rs.getString("listing_id"), rs.getString("seller_organisation_id"),
                ListingStatus.valueOf(rs.getString("status")),
                new LocalizedText(rs.getString("title_vi"), rs.getString("title_en")),
                new LocalizedText(rs.getString("summary_vi"), rs.getString("summary_en")),
                AssetType.valueOf(rs.getString("asset_type")), rs.getInt("readiness_level"),
                strings(rs.getArray("ipc_classes")), strings(rs.getArray("keywords")),
                strings(rs.getArray("deal_types")).stream().map(DealType::valueOf).toList(), price,
                publishedAt == null ? null : publishedAt.toInstant(), rs.getFloat("relevance"));
        return new Row(hit, rs.getTimestamp("sort_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private record Cursor(boolean byRelevance, float relevance, Instant publishedAt, String listingId) {

        String encode() {
            String key = byRelevance ? "R|" + Float.toString(relevance)
                    : "N|" + Math.addExact(Math.multiplyExact(publishedAt.getEpochSecond(), 1_000_000L), publishedAt.getNano() / 1_000);
            return Base64.getUrlEncoder().withoutPadding().encodeToString((key + "|" + listingId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, boolean byRelevance) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
                if (parts.length != 3 || !parts[0].equals(byRelevance ? "R" : "N") || parts[2].isEmpty()) {
                    throw new IllegalArgumentException("not a cursor of this sort");
                }
                if (byRelevance) {
                    return new Cursor(true, Float.parseFloat(parts[1]), null, parts[2]);
                }
                long micros = Long.parseLong(parts[1]);
                return new Cursor(false, 0, Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L), parts[2]);
            } catch (IllegalArgumentException e) {
                throw RuleViolation.invalid("cursor", "Not a cursor this search handed out; start again without one");
            }
        }
    }
}
