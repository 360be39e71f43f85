package io.techex.audit.checks;

/**
 * Listings published without verified ownership: a {@code ListingPublished} whose listing's latest ownership step
 * before it is not an {@code OwnershipVerified}.
 * <p>
 * listing-service publishes only a listing in state OWNERSHIP_VERIFIED, and only {@code OwnershipVerified} puts it
 * there; drafting, revising, submitting and a rejection all take it out. So the steps that matter are
 * {@code ListingDrafted}, {@code ListingDraftRevised}, {@code ListingSubmitted}, {@code OwnershipVerified} and
 * {@code OwnershipRejected}, and the last of them before publication must be the verification: a verification
 * followed by a rejection, or by a revision never checked again, does not count. The finding shows that last step,
 * or says there was no ownership check at all.
 */
final class UnverifiedPublications {

    static final RegulatoryCheck CHECK = new RegulatoryCheck("unverified-publications",
            "Listings published without verified ownership",
            "The exchange's listing rules: the operator verifies the seller's ownership of the listed IP before the "
                    + "listing goes on the market",
            """
                    SELECT p.asset_id, 'LISTING' AS subject_kind, p.asset_id AS subject_id,
                           CASE
                               WHEN step.event_type = :ownershipRejected
                                   THEN 'published after its ownership was rejected (OwnershipRejected), with no verification since'
                               WHEN NOT EXISTS (SELECT 1 FROM trail_entry v
                                                WHERE v.asset_id = p.asset_id AND v.event_type = :ownershipVerified
                                                  AND (v.occurred_at, v.position) < (p.occurred_at, p.position))
                                   THEN 'published without any ownership verification'
                               ELSE 'published while its last ownership step was ' || split_part(step.event_type, '.', 4)
                                    || ', not a verification'
                           END AS summary,
                           jsonb_build_array(jsonb_build_object('organisationId', p.data ->> 'sellerOrganisationId',
                                                                'role', 'SELLER', 'country', NULL)) AS parties,
                           array_remove(ARRAY[step.event_id, p.event_id], NULL) AS event_ids
                    FROM trail_entry p
                    LEFT JOIN LATERAL (
                        SELECT s.event_id, s.event_type FROM trail_entry s
                        WHERE s.asset_id = p.asset_id
                          AND s.event_type IN (:listingDrafted, :listingDraftRevised, :listingSubmitted,
                                               :ownershipVerified, :ownershipRejected)
                          AND (s.occurred_at, s.position) < (p.occurred_at, p.position)
                        ORDER BY s.occurred_at DESC, s.position DESC LIMIT 1) step ON true
                    WHERE p.event_type = :listingPublished
                      AND step.event_type IS DISTINCT FROM :ownershipVerified
                    ORDER BY p.occurred_at, p.position""");

    private UnverifiedPublications() {
    }
}
