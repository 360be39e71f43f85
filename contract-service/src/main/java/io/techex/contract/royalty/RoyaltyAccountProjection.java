package io.techex.contract.royalty;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contract.api.MilestoneMet;
import io.techex.contract.api.MinimumRoyaltyToppedUp;
import io.techex.contract.api.RoyaltyPaid;
import io.techex.contract.api.RoyaltyReportOverdue;
import io.techex.contract.api.RoyaltyReported;
import io.techex.contracts.EventJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps {@code royalty_account}. Subscribing, like the contract view (see {@code contract-service.yml}): a licensee
 * that just reported reads its report back at once, and a failure here rolls the command back.
 */
@Component
@ProcessingGroup(RoyaltyAccountProjection.PROCESSING_GROUP)
public class RoyaltyAccountProjection {

    public static final String PROCESSING_GROUP = "royalty-view";

    private final JdbcTemplate jdbc;

    RoyaltyAccountProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RoyaltyAccountOpened event) {
        var view = new RoyaltyAccountView();
        view.contractId = event.contractId();
        view.listingId = event.listingId();
        view.licensorOrganisationId = event.licensorOrganisationId();
        view.licenseeOrganisationId = event.licenseeOrganisationId();
        view.currency = event.currency();
        view.royalty = event.royalty();
        view.firstDay = event.firstDay();
        view.lastDay = event.lastDay();
        view.reportGraceDays = event.reportGraceDays();
        view.milestones.addAll(event.milestones());
        view.openedAt = event.openedAt();
        view.updatedAt = event.openedAt();
        jdbc.update("""
                INSERT INTO royalty_account (contract_id, listing_id, licensor_organisation_id, licensee_organisation_id,
                    overdue_reports, view, updated_at)
                VALUES (?, ?, ?, ?, 0, ?::jsonb, ?) ON CONFLICT (contract_id) DO NOTHING""",
                view.contractId, view.listingId, view.licensorOrganisationId, view.licenseeOrganisationId, json(view),
                Timestamp.from(view.updatedAt));
    }

    @EventHandler
    void on(RoyaltyReported event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(event.contractId(), at, view -> view.reports.add(new RoyaltyAccountView.Report(event.periodNumber(),
                event.netSales(), event.royalty(), event.late(), event.reportedAt())));
    }

    @EventHandler
    void on(MinimumRoyaltyToppedUp event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(event.contractId(), at, view -> view.topUps.add(new RoyaltyAccountView.TopUp(event.contractYear(),
                event.yearFrom(), event.yearUntil(), event.minimum(), event.royalties(), event.topUp(), event.addedToPeriod())));
    }

    @EventHandler
    void on(RoyaltyReportOverdue event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(event.contractId(), at, view -> view.flaggedOverdue.add(event.periodNumber()));
    }

    @EventHandler
    void on(MilestoneMet event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(event.contractId(), at, view -> view.met.add(new RoyaltyAccountView.Met(event.milestoneId(), event.metOn(),
                event.paymentDue(), event.note(), event.recordedAt())));
    }

    @EventHandler
    void on(RoyaltyPaid event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(event.contractId(), at, view -> view.payments.add(new RoyaltyAccountView.Payment(event.paymentNumber(),
                event.periodNumber(), event.milestoneId(), event.amount(), event.paidOn(), event.reference(), event.recordedAt())));
    }

    @EventHandler
    void on(RoyaltyAccountClosed event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(event.contractId(), at, view -> view.lastDay = event.lastDay());
    }

    /** The account as stored, whoever asks; who may see it is the caller's business. */
    public Optional<RoyaltyAccountView> find(String contractId) {
        return jdbc.query("SELECT view FROM royalty_account WHERE contract_id = ?", (rs, row) -> read(rs.getString(1)), contractId)
                .stream().findFirst();
    }

    /** Accounts with reports flagged overdue and still missing, the most behind first. */
    public List<RoyaltyAccountView> withOverdueReports() {
        return jdbc.query("""
                SELECT view FROM royalty_account WHERE overdue_reports > 0 ORDER BY overdue_reports DESC, contract_id""",
                (rs, row) -> read(rs.getString(1)));
    }

    private void update(String contractId, Instant at, Consumer<RoyaltyAccountView> change) {
        RoyaltyAccountView view = find(contractId).orElseThrow(() -> new IllegalStateException("No royalty account of contract " + contractId));
        change.accept(view);
        view.updatedAt = at;
        jdbc.update("UPDATE royalty_account SET overdue_reports = ?, view = ?::jsonb, updated_at = ? WHERE contract_id = ?",
                view.overdueReports(), json(view), Timestamp.from(at), contractId);
    }

    private static String json(RoyaltyAccountView view) {
        try {
            return EventJson.mapper().writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the royalty account of contract " + view.contractId, e);
        }
    }

    private static RoyaltyAccountView read(String json) {
        try {
            return EventJson.mapper().readValue(json, RoyaltyAccountView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable royalty account", e);
        }
    }
}
