package io.techex.audit.checks;

/**
 * What the Law on Technology Transfer 2017 asks of each contract in the trail before it may take effect, as
 * contract-service applies it in {@code io.techex.contract.legal.TransferLaw#pathOf}. This is the one place the
 * checks state those rules; when TransferLaw changes, this changes with it.
 * <ol>
 *   <li>A restricted technology (article 10) needs a transfer permit (article 29). The permit takes the place of
 *       registration: article 31(1) exempts permitted transfers of restricted technologies.</li>
 *   <li>Otherwise registration (article 31(1)) is required for a transfer (a) from abroad into Vietnam, (b) from
 *       Vietnam abroad, (c) within Vietnam of results of State-funded research.</li>
 *   <li>Otherwise nothing: a domestic transfer of a technology neither restricted nor State-funded, or one between
 *       two organisations outside Vietnam, takes effect on the last signature.</li>
 * </ol>
 * The facts come from the trail only, as contract-service had them when it decided: the category and State funding
 * from {@code ContractCreated}, the transferor (seller) and transferee (buyer) from it too, and each party's country
 * from its latest {@code ContractSigned} on that contract (TransferLaw decides on the last signature, when both
 * countries are known). A contract whose party never signed has no country for that party in the trail; its
 * registration duty cannot be told from the trail, so {@code registration_basis} stays null rather than guessed.
 * <p>
 * {@link #CONTRACT_DUTY} is a common table expression, {@code contract_duty}, one row per contract created:
 * {@code contract_id, listing_id, created_event_id, transferor, transferee, transferor_country, transferee_country,
 * transferor_signed_event_id, transferee_signed_event_id, category, state_funded, permit_required,
 * registration_basis} (the article that requires registration, in words; null when none is required or it cannot be
 * told).
 */
final class TransferDuties {

    static final String CONTRACT_DUTY = """
            contract_duty AS (
                SELECT c.data ->> 'contractId'                  AS contract_id,
                       c.asset_id                               AS listing_id,
                       c.event_id                               AS created_event_id,
                       c.data ->> 'sellerOrganisationId'        AS transferor,
                       c.data ->> 'buyerOrganisationId'         AS transferee,
                       transferor_signature.country             AS transferor_country,
                       transferee_signature.country             AS transferee_country,
                       transferor_signature.event_id            AS transferor_signed_event_id,
                       transferee_signature.event_id            AS transferee_signed_event_id,
                       c.data ->> 'regulatoryCategory'          AS category,
                       (c.data ->> 'stateFunded')::boolean      AS state_funded,
                       -- rule 1: article 29
                       c.data ->> 'regulatoryCategory' = 'RESTRICTED' AS permit_required,
                       CASE
                           -- rule 1: the permit replaces registration (article 31(1))
                           WHEN c.data ->> 'regulatoryCategory' = 'RESTRICTED' THEN NULL
                           -- a party that never signed: its country, hence the duty, is not in the trail
                           WHEN transferor_signature.country IS NULL OR transferee_signature.country IS NULL THEN NULL
                           -- rule 2(a)
                           WHEN transferor_signature.country <> 'VN' AND transferee_signature.country = 'VN'
                               THEN 'transfer from abroad (' || transferor_signature.country
                                    || ') into Vietnam: registration is required (article 31(1)(a))'
                           -- rule 2(b)
                           WHEN transferor_signature.country = 'VN' AND transferee_signature.country <> 'VN'
                               THEN 'transfer from Vietnam abroad (' || transferee_signature.country
                                    || '): registration is required (article 31(1)(b))'
                           -- rule 2(c): both in Vietnam here, the two cases above having taken the mixed ones
                           WHEN transferor_signature.country = 'VN' AND (c.data ->> 'stateFunded')::boolean
                               THEN 'domestic transfer of results of State-funded research: registration is required (article 31(1)(c))'
                           -- rule 3
                           ELSE NULL
                       END AS registration_basis
                FROM trail_entry c
                LEFT JOIN LATERAL (
                    SELECT s.event_id, s.data ->> 'country' AS country FROM trail_entry s
                    WHERE s.event_type = :contractSigned AND s.data ->> 'contractId' = c.data ->> 'contractId'
                      AND s.data ->> 'organisationId' = c.data ->> 'sellerOrganisationId'
                    ORDER BY s.occurred_at DESC, s.position DESC LIMIT 1) transferor_signature ON true
                LEFT JOIN LATERAL (
                    SELECT s.event_id, s.data ->> 'country' AS country FROM trail_entry s
                    WHERE s.event_type = :contractSigned AND s.data ->> 'contractId' = c.data ->> 'contractId'
                      AND s.data ->> 'organisationId' = c.data ->> 'buyerOrganisationId'
                    ORDER BY s.occurred_at DESC, s.position DESC LIMIT 1) transferee_signature ON true
                WHERE c.event_type = :contractCreated
            )""";

    /** The parties of a {@code contract_duty} row {@code d}, as the checks' {@code parties} column. */
    static final String CONTRACT_PARTIES = """
            jsonb_build_array(
                jsonb_build_object('organisationId', d.transferor, 'role', 'TRANSFEROR', 'country', d.transferor_country),
                jsonb_build_object('organisationId', d.transferee, 'role', 'TRANSFEREE', 'country', d.transferee_country))""";

    private TransferDuties() {
    }
}
