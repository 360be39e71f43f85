package io.techex.audit.checks;

import com.fasterxml.jackson.core.type.TypeReference;
import io.techex.contracts.EventJson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The checks a regulator runs over the trail, and running them. */
@Repository
public class RegulatoryChecks {

    /** In the order a regulator meets the lifecycle: listing, contract taking effect, transfer, running licence. */
    static final List<RegulatoryCheck> ALL = List.of(UnverifiedPublications.CHECK, UnregisteredActivations.CHECK,
            UnpermittedRestrictedTransfers.CHECK, OverdueRoyaltyReports.CHECK);

    private static final TypeReference<List<Finding.Party>> PARTIES = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    private final int royaltyReportGraceDays;

    RegulatoryChecks(JdbcTemplate jdbc, Clock clock,
                     @Value("${techex.audit.checks.royalty-report-grace:30d}") Duration royaltyReportGrace) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
        this.royaltyReportGraceDays = Math.toIntExact(royaltyReportGrace.toDays());
    }

    public Optional<RegulatoryCheck> find(String name) {
        return ALL.stream().filter(check -> check.name().equals(name)).findFirst();
    }

    /** Every check, run on one snapshot of the trail so that their findings agree with each other. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<CheckResult> runAll() {
        return ALL.stream().map(this::run).toList();
    }

    /** One check; its query and the lookup of the events it names see one snapshot of the trail. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CheckResult run(RegulatoryCheck check) {
        Instant ranAt = clock.instant();
        record Row(String assetId, Finding.Subject subject, String summary, List<Finding.Party> parties, List<String> eventIds) {
        }
        MapSqlParameterSource parameters = EventTypes.parameters()
                .addValue("today", LocalDate.ofInstant(ranAt, ZoneOffset.UTC))
                .addValue("grace", royaltyReportGraceDays);
        List<Row> rows = jdbc.query(check.sql(), parameters, (row, n) -> new Row(row.getString("asset_id"),
                new Finding.Subject(row.getString("subject_kind"), row.getString("subject_id")), row.getString("summary"),
                parties(row.getString("parties")), strings(row.getArray("event_ids"))));
        Map<String, Finding.Event> events = events(rows.stream().flatMap(row -> row.eventIds().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        List<Finding> findings = rows.stream().map(row -> new Finding(row.assetId(), row.subject(), row.summary(),
                row.parties(), row.eventIds().stream().map(events::get).toList())).toList();
        return new CheckResult(check.name(), check.title(), check.basis(), ranAt, findings);
    }

    /** The trail entries the findings name, with their times and actors, read once for all findings of a check. */
    private Map<String, Finding.Event> events(Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.query("""
                        SELECT event_id, event_type, occurred_at, actor_person, actor_org, actor_role
                        FROM trail_entry WHERE event_id = ANY(:ids)""", new MapSqlParameterSource("ids", ids.toArray(String[]::new)),
                (row, n) -> new Finding.Event(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                        row.getString(4) == null ? null
                                : new Finding.Actor(row.getString(4), row.getString(5), row.getString(6))))
                .stream().collect(Collectors.toMap(Finding.Event::eventId, Function.identity()));
    }

    private static List<Finding.Party> parties(String json) {
        try {
            return EventJson.mapper().readValue(json, PARTIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
