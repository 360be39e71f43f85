package io.techex.audit.checks;

/**
 * Contracts that needed registration and took effect without it: a {@code ContractActivated} of a contract whose
 * duties ({@link TransferDuties}) require registration, with no {@code ContractRegistered} of that contract before
 * it. Refused registrations of the contract are among the events shown, since a contract that took effect after a
 * refusal is the worse case.
 * <p>
 * "Before" is by the events' times, then by their order in the trail: a contract's events share one Kafka partition
 * (their key is the listing), so for equal times the trail's order is the order contract-service published them.
 */
final class UnregisteredActivations {

    static final RegulatoryCheck CHECK = new RegulatoryCheck("unregistered-activations",
            "Contracts that needed registration and took effect without it",
            "Law on Technology Transfer 2017, article 31(1): registration of transfers from abroad into Vietnam, from "
                    + "Vietnam abroad, and of State-funded results within Vietnam; a permitted restricted transfer "
                    + "needs no separate registration (as contract-service's TransferLaw applies it)",
            "WITH " + TransferDuties.CONTRACT_DUTY + """
                    SELECT a.asset_id, 'CONTRACT' AS subject_kind, d.contract_id AS subject_id,
                           'took effect without registration; ' || d.registration_basis AS summary,
                    """ + TransferDuties.CONTRACT_PARTIES + """
                           AS parties,
                           array_remove(ARRAY[d.created_event_id, d.transferor_signed_event_id, d.transferee_signed_event_id]
                               || ARRAY(SELECT f.event_id FROM trail_entry f
                                        WHERE f.event_type = :registrationRefused AND f.data ->> 'contractId' = d.contract_id
                                        ORDER BY f.occurred_at, f.position)
                               || a.event_id, NULL) AS event_ids
                    FROM trail_entry a
                    JOIN contract_duty d ON d.contract_id = a.data ->> 'contractId'
                    WHERE a.event_type = :contractActivated
                      AND d.registration_basis IS NOT NULL
                      AND NOT EXISTS (
                          SELECT 1 FROM trail_entry r
                          WHERE r.event_type = :contractRegistered AND r.data ->> 'contractId' = d.contract_id
                            AND (r.occurred_at, r.position) < (a.occurred_at, a.position))
                    ORDER BY a.occurred_at, a.position""");

    private UnregisteredActivations() {
    }
}
