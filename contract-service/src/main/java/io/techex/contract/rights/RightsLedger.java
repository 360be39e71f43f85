package io.techex.contract.rights;

import io.techex.contract.api.DealType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The rights held in each asset ({@code rights_grant}), written in the same database transaction as the contract's
 * activation or termination event, so the ledger and the event store never disagree.
 * <p>
 * Why a row lock and not a per-asset aggregate: rights overlap along three dimensions, with "every field" and
 * "worldwide" meeting everything, which an exclusion constraint cannot express; and a ledger aggregate would make
 * activation span two aggregates and so need a process with compensations. Instead each grant first locks its asset's
 * row in {@code rights_asset} ({@code SELECT ... FOR UPDATE}): activations of one asset queue there across threads and
 * instances, and each sees every grant committed before it. Activations of different assets do not wait for each
 * other.
 */
@Component
public class RightsLedger {

    private static final RowMapper<Grant> GRANT = (rs, row) -> new Grant(rs.getString("contract_id"),
            rs.getString("listing_id"), rs.getString("grantor_organisation_id"), rs.getString("holder_organisation_id"),
            DealType.valueOf(rs.getString("deal_type")), rs.getString("field_of_use"), rs.getString("territory"),
            rs.getDate("valid_from").toLocalDate(),
            rs.getDate("valid_until") == null ? null : rs.getDate("valid_until").toLocalDate());

    private final JdbcTemplate jdbc;

    RightsLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Grants {@code claim} for {@code from} to {@code until} unless it overlaps rights held. A licence drawn up by
     * exercising an option is checked without that option's reservation, which it then ends the day before it starts:
     * the reservation was kept for it.
     *
     * @return why not, or empty when granted
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> grant(RightsClaim claim, LocalDate from, LocalDate until) {
        jdbc.update("INSERT INTO rights_asset (listing_id) VALUES (?) ON CONFLICT (listing_id) DO NOTHING", claim.listingId());
        jdbc.queryForObject("SELECT listing_id FROM rights_asset WHERE listing_id = ? FOR UPDATE", String.class, claim.listingId());
        Grant grant = new Grant(claim.contractId(), claim.listingId(), claim.grantorOrganisationId(),
                claim.holderOrganisationId(), claim.dealType(), claim.fieldOfUse(), claim.territory(), from, until);
        List<Grant> held = jdbc.query("SELECT * FROM rights_grant WHERE listing_id = ?", GRANT, claim.listingId()).stream()
                .filter(other -> !reservedFor(claim, other))
                .toList();
        Optional<String> conflict = RightsOverlap.conflict(grant, held);
        if (conflict.isPresent()) {
            return conflict;
        }
        if (claim.exercisedOption() != null) {
            jdbc.update("""
                    UPDATE rights_grant SET valid_until = GREATEST(valid_from - 1, ?::date - 1)
                    WHERE contract_id = ? AND deal_type = 'OPTION' AND holder_organisation_id = ?
                      AND (valid_until IS NULL OR valid_until >= ?)""",
                    Date.valueOf(from), claim.exercisedOption(), claim.holderOrganisationId(), Date.valueOf(from));
        }
        for (Grant superseded : RightsOverlap.supersededBy(grant, held)) {
            jdbc.update("UPDATE rights_grant SET valid_until = ? WHERE contract_id = ?", Date.valueOf(from.minusDays(1)),
                    superseded.contractId());
        }
        jdbc.update("""
                INSERT INTO rights_grant (contract_id, listing_id, grantor_organisation_id, holder_organisation_id,
                    deal_type, field_of_use, territory, valid_from, valid_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                grant.contractId(), grant.listingId(), grant.grantorOrganisationId(), grant.holderOrganisationId(),
                grant.dealType().name(), grant.fieldOfUse(), grant.territory(), Date.valueOf(from),
                until == null ? null : Date.valueOf(until));
        return Optional.empty();
    }

    /** {@code held} is the option reservation {@code claim}, the licence its exercise drew up, was kept for. */
    private static boolean reservedFor(RightsClaim claim, Grant held) {
        return held.dealType() == DealType.OPTION && held.contractId().equals(claim.exercisedOption())
                && held.holderOrganisationId().equals(claim.holderOrganisationId());
    }

    /** The contract's rights end after {@code lastDay}: they are free for others from the day after. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(String contractId, String listingId, LocalDate lastDay) {
        jdbc.update("INSERT INTO rights_asset (listing_id) VALUES (?) ON CONFLICT (listing_id) DO NOTHING", listingId);
        jdbc.queryForObject("SELECT listing_id FROM rights_asset WHERE listing_id = ? FOR UPDATE", String.class, listingId);
        jdbc.update("UPDATE rights_grant SET valid_until = ? WHERE contract_id = ? AND (valid_until IS NULL OR valid_until > ?)",
                Date.valueOf(lastDay), contractId, Date.valueOf(lastDay));
    }

    /** Who holds which rights in the asset on {@code day}. */
    public AssetRights on(String listingId, LocalDate day) {
        List<Grant> grants = jdbc.query("""
                SELECT * FROM rights_grant WHERE listing_id = ? AND valid_from <= ? AND (valid_until IS NULL OR valid_until >= ?)
                ORDER BY valid_from, contract_id""", GRANT, listingId, Date.valueOf(day), Date.valueOf(day));
        String owner = grants.stream().filter(grant -> grant.dealType() == DealType.ASSIGNMENT)
                .reduce((first, second) -> second)
                .map(Grant::holderOrganisationId)
                .orElseGet(() -> jdbc.query("SELECT seller_organisation_id FROM technology WHERE listing_id = ?",
                        (rs, row) -> rs.getString(1), listingId).stream().findFirst().orElse(null));
        return new AssetRights(listingId, day, owner, grants);
    }
}
