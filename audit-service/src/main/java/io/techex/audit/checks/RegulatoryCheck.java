package io.techex.audit.checks;

/**
 * One check a regulator runs over the trail: a query for the events that break one rule.
 * <p>
 * Every check's {@code sql} returns one row per finding, in the order the anomalies happened, with the columns
 * {@code asset_id}, {@code subject_kind} ({@code CONTRACT} or {@code LISTING}), {@code subject_id} (the contract or
 * listing at fault), {@code summary} (what is wrong, in words, citing the rule), {@code parties} (a JSON array of
 * {@code {organisationId, role, country}}) and {@code event_ids} (the trail entries involved, earliest first, the
 * offending one among them). It reads audit's own trail only ({@code trail_entry}), never another service's tables,
 * and may use the event types of {@link EventTypes} as named parameters, {@code :today} (the UTC date it runs on)
 * and {@code :grace} (days after a royalty period's end its report is due).
 *
 * @param name  the check's name in the API ({@code GET /audit/checks/{name}})
 * @param title what it looks for, for a person
 * @param basis the rule it applies and where it comes from
 */
public record RegulatoryCheck(String name, String title, String basis, String sql) {
}
