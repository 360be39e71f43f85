package io.techex.listing.proposal;

import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.Money;
import io.techex.listing.api.NegotiationRequested;
import io.techex.listing.api.ProposalDeclined;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.ProposalShortlisted;
import io.techex.listing.api.ProposalSubmitted;
import io.techex.listing.api.ProposalWithdrawn;
import io.techex.listing.api.RndOffer;
import io.techex.platform.actor.Actor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proposals read model ({@code proposal_view}, {@code proposal_attachment}), built from the event store by its own
 * processor ({@value #PROCESSING_GROUP}) and rebuilt by replaying it. One proposal's events arrive in order, so each
 * handler sets what its event says; inserts leave a row already there alone, so handling an event twice changes nothing.
 */
@Component
@ProcessingGroup(Proposals.PROCESSING_GROUP)
class Proposals {

    static final String PROCESSING_GROUP = "listing-proposals";

    private final JdbcTemplate jdbc;

    Proposals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProposalDrafted event, @MetaDataValue(Actor.PERSON) String person, @Timestamp Instant at) {
        RndOffer offer = event.rndOffer();
        jdbc.update("""
                INSERT INTO proposal_view (proposal_id, need_id, need_owner_organisation_id, proposer_organisation_id, kind,
                    listing_id, message_vi, message_en, offer_description_vi, offer_description_en, offer_duration_months,
                    offer_cost_amount, offer_cost_currency, offer_readiness_level, status, drafted_by, drafted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?)
                ON CONFLICT (proposal_id) DO NOTHING""",
                event.proposalId(), event.needId(), event.needOwnerOrganisationId(), event.proposerOrganisationId(),
                event.kind().name(), event.listingId(), vi(event.message()), en(event.message()),
                offer == null ? null : vi(offer.description()), offer == null ? null : en(offer.description()),
                offer == null ? null : offer.durationMonths(), offer == null ? null : offer.cost().amount(),
                offer == null ? null : offer.cost().currency(), offer == null ? null : offer.readinessLevel(),
                person, java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ProposalAttachmentAdded event, @Timestamp Instant at) {
        ProposalAttachment attachment = event.attachment();
        jdbc.update("""
                INSERT INTO proposal_attachment (attachment_id, proposal_id, name, media_type, sha256, size_bytes, attached_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (attachment_id) DO NOTHING""",
                attachment.attachmentId(), event.proposalId(), attachment.name(), attachment.mediaType(),
                attachment.sha256(), attachment.sizeBytes(),
                // events stored before the answer carried the time have only their own timestamp
                java.sql.Timestamp.from(event.attachedAt() != null ? event.attachedAt() : at));
    }

    @EventHandler
    void on(ProposalSubmitted event) {
        jdbc.update("UPDATE proposal_view SET status = 'SUBMITTED', submitted_at = ? WHERE proposal_id = ?",
                java.sql.Timestamp.from(event.submittedAt()), event.proposalId());
    }

    @EventHandler
    void on(ProposalShortlisted event, @Timestamp Instant at) {
        decided(event.proposalId(), ProposalStatus.SHORTLISTED, at);
    }

    @EventHandler
    void on(ProposalDeclined event, @Timestamp Instant at) {
        decided(event.proposalId(), ProposalStatus.DECLINED, at);
        jdbc.update("UPDATE proposal_view SET decline_reason = ? WHERE proposal_id = ?", event.reason(), event.proposalId());
    }

    @EventHandler
    void on(ProposalWithdrawn event, @Timestamp Instant at) {
        decided(event.proposalId(), ProposalStatus.WITHDRAWN, at);
        jdbc.update("UPDATE proposal_view SET withdrawal_reason = ? WHERE proposal_id = ?", event.reason(), event.proposalId());
    }

    @EventHandler
    void on(NegotiationRequested event) {
        decided(event.proposalId(), ProposalStatus.NEGOTIATION_REQUESTED, event.requestedAt());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM proposal_attachment");
        jdbc.update("DELETE FROM proposal_view");
    }

    private void decided(String proposalId, ProposalStatus status, Instant at) {
        jdbc.update("UPDATE proposal_view SET status = ?, decided_at = ? WHERE proposal_id = ?",
                status.name(), java.sql.Timestamp.from(at), proposalId);
    }

    Optional<ProposalRow> find(String proposalId) {
        return withAttachments(jdbc.query("SELECT * FROM proposal_view WHERE proposal_id = ?", Proposals::row, proposalId))
                .stream().findFirst();
    }

    /** Every proposal to {@code needId}, the oldest first. */
    List<ProposalRow> ofNeed(String needId) {
        return withAttachments(jdbc.query("SELECT * FROM proposal_view WHERE need_id = ? ORDER BY drafted_at, proposal_id",
                Proposals::row, needId));
    }

    /**
     * The proposals {@code organisationId} made, and the submitted ones to its needs, newest first; of one need if
     * given.
     */
    List<ProposalRow> partyTo(String organisationId, String needId) {
        return withAttachments(jdbc.query("""
                SELECT * FROM proposal_view
                WHERE (proposer_organisation_id = ? OR (need_owner_organisation_id = ? AND status <> 'DRAFT'))
                    AND (CAST(? AS VARCHAR) IS NULL OR need_id = ?)
                ORDER BY drafted_at DESC, proposal_id""", Proposals::row, organisationId, organisationId, needId, needId));
    }

    /** The rows with their attachments, read in one query for all of them. */
    private List<ProposalRow> withAttachments(List<ProposalRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<AttachmentView>> byProposal = new HashMap<>();
        jdbc.query("SELECT * FROM proposal_attachment WHERE proposal_id = ANY (?) ORDER BY attached_at, attachment_id",
                (ResultSet rs) -> {
                    byProposal.computeIfAbsent(rs.getString("proposal_id"), id -> new ArrayList<>()).add(attachment(rs, 0));
                }, (Object) rows.stream().map(ProposalRow::proposalId).toArray(String[]::new));
        return rows.stream().map(row -> row.withAttachments(byProposal.getOrDefault(row.proposalId(), List.of()))).toList();
    }

    Optional<AttachmentView> attachment(String proposalId, String attachmentId) {
        return jdbc.query("SELECT * FROM proposal_attachment WHERE proposal_id = ? AND attachment_id = ?",
                Proposals::attachment, proposalId, attachmentId).stream().findFirst();
    }

    /** The attachment with this content, name and type already on the proposal: what a retried upload meant. */
    Optional<AttachmentView> sameAttachment(String proposalId, String sha256, String name, String mediaType) {
        return jdbc.query("SELECT * FROM proposal_attachment WHERE proposal_id = ? AND sha256 = ? AND name = ? AND media_type = ?",
                Proposals::attachment, proposalId, sha256, name, mediaType).stream().findFirst();
    }

    private static ProposalRow row(ResultSet rs, int rowNumber) throws SQLException {
        String proposalId = rs.getString("proposal_id");
        BigDecimal cost = rs.getBigDecimal("offer_cost_amount");
        RndOffer offer = cost == null ? null : new RndOffer(text(rs.getString("offer_description_vi"),
                rs.getString("offer_description_en")), rs.getInt("offer_duration_months"),
                new Money(cost, rs.getString("offer_cost_currency")), (Integer) rs.getObject("offer_readiness_level", Integer.class));
        return new ProposalRow(proposalId, rs.getString("need_id"), rs.getString("need_owner_organisation_id"),
                rs.getString("proposer_organisation_id"), ProposalKind.valueOf(rs.getString("kind")),
                rs.getString("listing_id"), text(rs.getString("message_vi"), rs.getString("message_en")), offer,
                ProposalStatus.valueOf(rs.getString("status")), rs.getString("decline_reason"),
                rs.getString("withdrawal_reason"), rs.getString("drafted_by"), instant(rs, "drafted_at"),
                instant(rs, "submitted_at"), instant(rs, "decided_at"), List.of());
    }

    private static AttachmentView attachment(ResultSet rs, int rowNumber) throws SQLException {
        return new AttachmentView(rs.getString("attachment_id"), rs.getString("name"), rs.getString("media_type"),
                rs.getString("sha256"), rs.getLong("size_bytes"), rs.getTimestamp("attached_at").toInstant());
    }

    private static LocalizedText text(String vi, String en) {
        return vi == null && en == null ? null : new LocalizedText(vi, en);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String vi(LocalizedText text) {
        return text == null ? null : text.vi();
    }

    private static String en(LocalizedText text) {
        return text == null ? null : text.en();
    }
}
