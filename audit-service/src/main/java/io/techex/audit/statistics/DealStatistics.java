package io.techex.audit.statistics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the deals that took effect, from the facts {@link DealStatisticsRecorder} keeps: a deal is a contract's
 * {@code ContractActivated}, valued at the price of its version in force, placed by the IPC section of its listing's
 * first class, its deal type, its parties' countries as they signed, and when it took effect in Vietnam's time.
 */
@Repository
class DealStatistics {

    /** The ministry's days and periods are Vietnam's. */
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String COUNTED = "contracts that took effect (ContractActivated) in the period, each valued at the price"
            + " of its version in force; the parties' places are the countries they signed from";

    private final JdbcTemplate jdbc;

    DealStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows and the totals from one snapshot, so that they add up. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public StatisticsReport report(StatisticsQuery query) {
        List<Object> arguments = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (query.from() != null) {
            where.append(" AND d.took_effect_at >= ?");
            arguments.add(Timestamp.from(query.from().atStartOfDay(ZONE).toInstant()));
        }
        if (query.to() != null) {
            where.append(" AND d.took_effect_at < ?");
            arguments.add(Timestamp.from(query.to().plusDays(1).atStartOfDay(ZONE).toInstant()));
        }
        String from = """
                 FROM statistic_deal d
                 JOIN statistic_contract_version v ON v.contract_id = d.contract_id AND v.version = d.version
                 LEFT JOIN statistic_listing l ON l.listing_id = d.listing_id
                 LEFT JOIN statistic_contract_party sp ON sp.contract_id = d.contract_id
                                                      AND sp.organisation_id = d.seller_organisation_id
                 LEFT JOIN statistic_contract_party bp ON bp.contract_id = d.contract_id
                                                      AND bp.organisation_id = d.buyer_organisation_id""";
        List<String> groups = new ArrayList<>();
        for (Dimension dimension : query.groupBy()) {
            groups.add(dimension.sql(query.period()));
        }
        String selectGroups = groups.isEmpty() ? "" : String.join(", ", groups) + ", ";
        String orderGroups = groups.isEmpty() ? "" : String.join(" NULLS LAST, ", groups) + " NULLS LAST, ";
        List<StatisticsReport.Row> rows = jdbc.query("SELECT " + selectGroups + "v.currency, count(*), sum(v.amount)" + from
                        + where + " GROUP BY " + selectGroups + "v.currency ORDER BY " + orderGroups + "v.currency",
                (row, n) -> {
                    Map<String, String> group = new LinkedHashMap<>();
                    for (int i = 0; i < query.groupBy().size(); i++) {
                        String value = row.getString(i + 1);
                        if (value != null) {
                            group.put(query.groupBy().get(i).parameter, value);
                        }
                    }
                    int at = query.groupBy().size();
                    return new StatisticsReport.Row(group, row.getString(at + 1), row.getLong(at + 2),
                            plain(row.getBigDecimal(at + 3)));
                }, arguments.toArray());
        List<StatisticsReport.Total> totals = jdbc.query("SELECT v.currency, count(*), sum(v.amount)" + from + where
                        + " GROUP BY v.currency ORDER BY v.currency",
                (row, n) -> new StatisticsReport.Total(row.getString(1), row.getLong(2), plain(row.getBigDecimal(3))),
                arguments.toArray());
        return new StatisticsReport(query.from(), query.to(), ZONE.getId(), query.period().name(),
                query.groupBy().stream().map(dimension -> dimension.parameter).toList(), COUNTED, rows, totals);
    }

    /** The report as CSV (RFC 4180): a column per dimension, then currency, deals and value; no totals row. */
    static String csv(StatisticsReport report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(report.groupBy());
        header.addAll(List.of("currency", "deals", "value"));
        csv.append(String.join(",", header)).append("\r\n");
        for (StatisticsReport.Row row : report.rows()) {
            List<String> cells = new ArrayList<>();
            report.groupBy().forEach(dimension -> cells.add(cell(row.group().get(dimension))));
            cells.add(row.currency());
            cells.add(String.valueOf(row.deals()));
            cells.add(row.value());
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
