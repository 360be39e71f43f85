package io.techex.audit.checks;

/**
 * Royalty reports overdue: every royalty period of a licence in effect whose report was due by a day now past and
 * for which no {@code RoyaltyReported} of that contract and period is in the trail.
 * <p>
 * Why recomputed from the contract's terms rather than read from contract-service's {@code RoyaltyReportOverdue}
 * flag: a regulator's check that recomputes the duty does not depend on the service it audits having flagged it.
 * Where the flag is in the trail, its events are among the finding's. The periods follow the terms of the version in
 * force, as contract-service states them: the version {@code ContractActivated} names ({@code version}), whose terms
 * are those of the {@code ContractAmended} that made it, or {@code ContractCreated}'s for version 1;
 * {@code terms.royalty.period} (MONTH, QUARTER or YEAR), period 1 starting on the first day of the rights
 * ({@code ContractActivated} {@code rightsFrom}), the last cut short by the end of the rights ({@code rightsUntil},
 * or the last day of a termination, {@code effectiveOn}). A period's report is due {@code :grace} days after its last
 * day ({@code techex.audit.checks.royalty-report-grace}), or after the day the licence took effect
 * ({@code activatedAt}) for a period that ended before (a licence agreed to start earlier). A report is matched by its
 * contract and period number ({@code RoyaltyReported} {@code contractId}, {@code periodNumber}); a late report clears
 * the finding. {@code :today} is the service clock's UTC date.
 */
final class OverdueRoyaltyReports {

    static final RegulatoryCheck CHECK = new RegulatoryCheck("overdue-royalty-reports",
            "Royalty reports overdue and still not made",
            "The royalty terms of the licence's version in force (ContractCreated, or the ContractAmended of the "
                    + "version ContractActivated names: terms.royalty): the licensee reports each period's net sales; a "
                    + "report is overdue once its period ended, and the licence took effect, more than the grace ago",
            """
                    WITH licence AS (
                        SELECT a.asset_id, a.data ->> 'contractId' AS contract_id, a.event_id AS activated_event_id,
                               c.event_id AS created_event_id, m.event_id AS amended_event_id,
                               c.data ->> 'sellerOrganisationId' AS licensor, c.data ->> 'buyerOrganisationId' AS licensee,
                               CASE COALESCE(m.terms, c.data -> 'terms') #>> '{royalty,period}'
                                   WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 3 ELSE 12 END AS months,
                               (a.data ->> 'rightsFrom')::date AS rights_from,
                               ((a.data ->> 'activatedAt')::timestamptz AT TIME ZONE 'UTC')::date AS took_effect_on,
                               -- the last day rights were held: the licence's end, a termination's, or none yet
                               LEAST((a.data ->> 'rightsUntil')::date, (t.data ->> 'effectiveOn')::date) AS rights_until
                        FROM trail_entry a
                        JOIN trail_entry c ON c.event_type = :contractCreated AND c.data ->> 'contractId' = a.data ->> 'contractId'
                        -- the terms of the version in force, when an amendment made it
                        LEFT JOIN LATERAL (
                            SELECT x.event_id, x.data -> 'terms' AS terms FROM trail_entry x
                            WHERE x.event_type = :contractAmended AND x.data ->> 'contractId' = a.data ->> 'contractId'
                              AND (x.data ->> 'version')::int = (a.data ->> 'version')::int
                            ORDER BY x.occurred_at, x.position LIMIT 1) m ON true
                        LEFT JOIN LATERAL (
                            SELECT x.data FROM trail_entry x
                            WHERE x.event_type = :contractTerminated AND x.data ->> 'contractId' = a.data ->> 'contractId'
                            ORDER BY x.occurred_at, x.position LIMIT 1) t ON true
                        WHERE a.event_type = :contractActivated AND COALESCE(m.terms, c.data -> 'terms') -> 'royalty' IS NOT NULL
                    ),
                    period AS (
                        SELECT l.*, n AS period_number,
                               (l.rights_from + make_interval(months => (n - 1) * l.months))::date AS period_from,
                               LEAST((l.rights_from + make_interval(months => n * l.months))::date - 1, l.rights_until)
                                   AS period_until
                        FROM licence l,
                             -- enough periods to reach today: whole months elapsed over the period's months, plus one
                             LATERAL generate_series(1, ((extract(year FROM age(CAST(:today AS date), l.rights_from)) * 12
                                 + extract(month FROM age(CAST(:today AS date), l.rights_from)))::int / l.months) + 1) n
                    ),
                    due AS (
                        -- a period that ended before the licence took effect is due the grace after it took effect
                        SELECT p.*, GREATEST(p.period_until, p.took_effect_on) + CAST(:grace AS integer) AS due_by
                        FROM period p
                    )
                    SELECT d.asset_id, 'CONTRACT' AS subject_kind, d.contract_id AS subject_id,
                           'royalty report for period ' || d.period_number || ' (' || d.period_from || ' to '
                               || d.period_until || ') was due by ' || d.due_by || ' and has not been made'
                               AS summary,
                           jsonb_build_array(
                               jsonb_build_object('organisationId', d.licensor, 'role', 'LICENSOR', 'country', NULL),
                               jsonb_build_object('organisationId', d.licensee, 'role', 'LICENSEE', 'country', NULL)) AS parties,
                           array_remove(ARRAY[d.created_event_id, d.amended_event_id, d.activated_event_id], NULL)
                               || ARRAY(SELECT o.event_id FROM trail_entry o
                                        WHERE o.event_type = :royaltyReportOverdue AND o.data ->> 'contractId' = d.contract_id
                                          AND (o.data ->> 'periodNumber')::int = d.period_number
                                        ORDER BY o.occurred_at, o.position) AS event_ids
                    FROM due d
                    WHERE (d.rights_until IS NULL OR d.period_from <= d.rights_until)
                      AND d.due_by < CAST(:today AS date)
                      AND NOT EXISTS (
                          SELECT 1 FROM trail_entry r
                          WHERE r.event_type = :royaltyReported AND r.data ->> 'contractId' = d.contract_id
                            AND (r.data ->> 'periodNumber')::int = d.period_number)
                    ORDER BY d.due_by, d.contract_id, d.period_number""");

    private OverdueRoyaltyReports() {
    }
}
