package io.techex.audit.checks;

/**
 * Restricted technologies transferred without a permit: a {@code ContractActivated} or {@code OwnershipTransferred}
 * of a contract for a restricted technology ({@link TransferDuties}: category {@code RESTRICTED} in its
 * {@code ContractCreated}) with no {@code TransferPermitGranted} of that contract before it. One finding per such
 * event: an assignment that took effect and then moved the ownership did both without the permit. Refused permits
 * of the contract are among the events shown.
 */
final class UnpermittedRestrictedTransfers {

    static final RegulatoryCheck CHECK = new RegulatoryCheck("unpermitted-restricted-transfers",
            "Restricted technologies transferred without a transfer permit",
            "Law on Technology Transfer 2017, articles 10 and 29: a technology on the restricted list is transferred "
                    + "only with a permit from a regulator",
            "WITH " + TransferDuties.CONTRACT_DUTY + """
                    SELECT e.asset_id, 'CONTRACT' AS subject_kind, d.contract_id AS subject_id,
                           CASE e.event_type
                               WHEN :contractActivated THEN 'restricted technology: the contract took effect without a transfer permit (article 29)'
                               ELSE 'restricted technology: ownership was transferred without a transfer permit (article 29)'
                           END AS summary,
                    """ + TransferDuties.CONTRACT_PARTIES + """
                           AS parties,
                           array_remove(ARRAY[d.created_event_id]
                               || ARRAY(SELECT f.event_id FROM trail_entry f
                                        WHERE f.event_type = :transferPermitRefused AND f.data ->> 'contractId' = d.contract_id
                                        ORDER BY f.occurred_at, f.position)
                               || e.event_id, NULL) AS event_ids
                    FROM trail_entry e
                    JOIN contract_duty d ON d.contract_id = e.data ->> 'contractId'
                    WHERE e.event_type IN (:contractActivated, :ownershipTransferred)
                      AND d.permit_required
                      AND NOT EXISTS (
                          SELECT 1 FROM trail_entry p
                          WHERE p.event_type = :transferPermitGranted AND p.data ->> 'contractId' = d.contract_id
                            AND (p.occurred_at, p.position) < (e.occurred_at, e.position))
                    ORDER BY e.occurred_at, e.position""");

    private UnpermittedRestrictedTransfers() {
    }
}
