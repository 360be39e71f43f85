package io.techex.notification.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.notification.addressing.Audience;
import io.techex.notification.addressing.Kind;
import io.techex.notification.feed.NewNotification;
import io.techex.notification.feed.Notifications;
import io.techex.notification.reminder.Reminders;
import io.techex.platform.actor.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * contract-service's events: a version of a contract to sign (drawn up, amended, or signed by the other party only),
 * and for regulators, a permit or registration decision requested, due in three days (a reminder, ended by the
 * decision), and overdue. An option's holder is reminded a week before it lapses (ended by its exercise, its lapse
 * or its termination), and both parties hear when it lapsed.
 */
@Component
class ContractEvents implements EventHandlers {

    static final String CREATED = "io.techex.contract.ContractCreated.v1";
    static final String AMENDED = "io.techex.contract.ContractAmended.v1";
    static final String SIGNED = "io.techex.contract.ContractSigned.v1";
    /**
     * contract-service asks the regulators for a permit or a registration when a contract starts waiting for one (the
     * last signature, or a permit granted with a registration still due), with the decision's deadline ({@code dueBy}).
     */
    static final String DECISION_REQUESTED = "io.techex.contract.RegulatoryDecisionRequested.v1";
    static final String DECISION_OVERDUE = "io.techex.contract.RegulatoryDecisionOverdue.v1";
    static final String PERMIT_GRANTED = "io.techex.contract.TransferPermitGranted.v1";
    static final String PERMIT_REFUSED = "io.techex.contract.TransferPermitRefused.v1";
    static final String REGISTERED = "io.techex.contract.ContractRegistered.v1";
    static final String REGISTRATION_REFUSED = "io.techex.contract.RegistrationRefused.v1";
    static final String ACTIVATED = "io.techex.contract.ContractActivated.v1";
    static final String TERMINATED = "io.techex.contract.ContractTerminated.v1";
    static final String OPTION_EXERCISED = "io.techex.contract.OptionExercised.v1";
    static final String OPTION_LAPSED = "io.techex.contract.OptionLapsed.v1";

    /** How long before an option lapses its holder is reminded of it. */
    static final Duration OPTION_NOTICE = Duration.ofDays(7);

    /** How long before a regulator's decision is due regulators are reminded of it. */
    static final Duration DECISION_NOTICE = Duration.ofDays(3);

    private static final Logger log = LoggerFactory.getLogger(ContractEvents.class);
    private static final Audience REGULATORS = Audience.role(Actor.Role.REGULATOR);

    private final JdbcTemplate jdbc;
    private final Notifications notifications;
    private final Reminders reminders;

    ContractEvents(JdbcTemplate jdbc, Notifications notifications, Reminders reminders) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.reminders = reminders;
    }

    record Created(String contractId, String listingId, String sellerOrganisationId, String buyerOrganisationId, int version) {
    }

    record Amended(String contractId, String listingId, int version) {
    }

    record Signed(String contractId, String listingId, String organisationId, int version) {
    }

    record Decision(String contractId, String listingId, String decision, Instant dueBy) {
    }

    record Decided(String contractId) {
    }

    record Parties(String listingId, String seller, String buyer, int version) {
    }

    /** What an option's reminder needs of {@code ContractActivated}; {@code rightsUntil} is an option's last day. */
    record Activated(String contractId, String listingId, String buyerOrganisationId, String dealType, LocalDate rightsUntil) {
    }

    record Lapsed(String contractId, String listingId, String grantorOrganisationId, String holderOrganisationId,
                  LocalDate lastDay) {
    }

    @Override
    public Map<String, Consumer<Incoming>> byType() {
        Map<String, Consumer<Incoming>> handlers = new HashMap<>();
        handlers.put(CREATED, this::created);
        handlers.put(AMENDED, this::amended);
        handlers.put(SIGNED, this::signed);
        handlers.put(DECISION_REQUESTED, this::decisionRequested);
        handlers.put(DECISION_OVERDUE, this::decisionOverdue);
        for (String decided : List.of(PERMIT_GRANTED, PERMIT_REFUSED, REGISTERED, REGISTRATION_REFUSED)) {
            handlers.put(decided, this::decided);
        }
        handlers.put(ACTIVATED, this::activated);
        handlers.put(OPTION_EXERCISED, this::optionEnded);
        handlers.put(TERMINATED, this::optionEnded);
        handlers.put(OPTION_LAPSED, this::lapsed);
        return handlers;
    }

    /** An option in force: its holder is reminded a week before it lapses (the start of the day after its last, UTC). */
    private void activated(Incoming incoming) {
        Activated activated = incoming.data(Activated.class);
        if (!"OPTION".equals(activated.dealType()) || activated.rightsUntil() == null) {
            return;
        }
        Instant lapsesAt = activated.rightsUntil().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant remindAt = lapsesAt.minus(OPTION_NOTICE);
        if (remindAt.isAfter(incoming.at())) {
            reminders.schedule(incoming.id(), optionTopic(activated.contractId()), Kind.OPTION_LAPSES_SOON,
                    Audience.organisation(activated.buyerOrganisationId()), link(activated.contractId()),
                    Incoming.params(activated.listingId()).put("contractId", activated.contractId())
                            .put("lapsesAt", lapsesAt.toString()), remindAt);
        }
    }

    /** Exercised, lapsed or ended otherwise: nothing left to remind of (any contract's ending ends no other reminder). */
    private void optionEnded(Incoming incoming) {
        reminders.end(optionTopic(incoming.data(Decided.class).contractId()), incoming.at());
    }

    private void lapsed(Incoming incoming) {
        Lapsed lapsed = incoming.data(Lapsed.class);
        reminders.end(optionTopic(lapsed.contractId()), incoming.at());
        for (String party : List.of(lapsed.grantorOrganisationId(), lapsed.holderOrganisationId())) {
            notifications.write(NewNotification.of(incoming.id(), Kind.OPTION_LAPSED, Audience.organisation(party),
                    link(lapsed.contractId()), Incoming.params(lapsed.listingId()).put("contractId", lapsed.contractId())
                            .put("lastDay", lapsed.lastDay().toString()), incoming.at()));
        }
    }

    private void created(Incoming incoming) {
        Created created = incoming.data(Created.class);
        jdbc.update("""
                INSERT INTO contract_fact (contract_id, listing_id, seller_organisation_id, buyer_organisation_id, version)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (contract_id) DO NOTHING""",
                created.contractId(), created.listingId(), created.sellerOrganisationId(), created.buyerOrganisationId(),
                created.version());
        for (String party : List.of(created.sellerOrganisationId(), created.buyerOrganisationId())) {
            awaitsSignature(incoming, created.contractId(), created.listingId(), party, created.version());
        }
    }

    /** A new version voids the signatures of older ones: both parties sign again. */
    private void amended(Incoming incoming) {
        Amended amended = incoming.data(Amended.class);
        jdbc.update("UPDATE contract_fact SET version = ? WHERE contract_id = ? AND version < ?",
                amended.version(), amended.contractId(), amended.version());
        parties(amended.contractId()).ifPresent(parties -> {
            awaitsSignature(incoming, amended.contractId(), amended.listingId(), parties.seller(), amended.version());
            awaitsSignature(incoming, amended.contractId(), amended.listingId(), parties.buyer(), amended.version());
        });
    }

    /** The other party hears that it is their turn, unless it signed this version already (then the contract is signed). */
    private void signed(Incoming incoming) {
        Signed signed = incoming.data(Signed.class);
        jdbc.update("INSERT INTO contract_signature (contract_id, organisation_id, version) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                signed.contractId(), signed.organisationId(), signed.version());
        parties(signed.contractId()).ifPresent(parties -> {
            String other = signed.organisationId().equals(parties.seller()) ? parties.buyer() : parties.seller();
            Integer otherSigned = jdbc.queryForObject("""
                    SELECT count(*) FROM contract_signature WHERE contract_id = ? AND organisation_id = ? AND version = ?""",
                    Integer.class, signed.contractId(), other, signed.version());
            if (signed.version() == parties.version() && (otherSigned == null || otherSigned == 0)) {
                awaitsSignature(incoming, signed.contractId(), signed.listingId(), other, signed.version());
            }
        });
    }

    private void awaitsSignature(Incoming incoming, String contractId, String listingId, String organisation, int version) {
        ObjectNode params = Incoming.params(listingId).put("contractId", contractId).put("version", version);
        notifications.write(NewNotification.of(incoming.id(), Kind.CONTRACT_AWAITS_SIGNATURE, Audience.organisation(organisation),
                link(contractId), params, incoming.at()));
    }

    private void decisionRequested(Incoming incoming) {
        Decision decision = incoming.data(Decision.class);
        ObjectNode params = decisionParams(decision);
        notifications.write(NewNotification.of(incoming.id(), Kind.REGULATORY_DECISION_REQUESTED, REGULATORS,
                link(decision.contractId()), params, incoming.at()));
        Instant remindAt = decision.dueBy().minus(DECISION_NOTICE);
        if (remindAt.isAfter(incoming.at())) {
            reminders.schedule(incoming.id(), topic(decision.contractId()), Kind.REGULATORY_DECISION_DUE_SOON, REGULATORS,
                    link(decision.contractId()), decisionParams(decision), remindAt);
        }
    }

    private void decided(Incoming incoming) {
        reminders.end(topic(incoming.data(Decided.class).contractId()), incoming.at());
    }

    private void decisionOverdue(Incoming incoming) {
        Decision decision = incoming.data(Decision.class);
        notifications.write(NewNotification.of(incoming.id(), Kind.REGULATORY_DECISION_OVERDUE, REGULATORS,
                link(decision.contractId()), decisionParams(decision), incoming.at()));
    }

    private static ObjectNode decisionParams(Decision decision) {
        return Incoming.params(decision.listingId()).put("contractId", decision.contractId())
                .put("decision", decision.decision()).put("dueBy", decision.dueBy().toString());
    }

    private java.util.Optional<Parties> parties(String contractId) {
        List<Parties> found = jdbc.query("""
                SELECT listing_id, seller_organisation_id, buyer_organisation_id, version FROM contract_fact WHERE contract_id = ?""",
                (rs, n) -> new Parties(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)), contractId);
        if (found.isEmpty()) {
            log.warn("Event of contract {} whose drawing up this feed never saw: nobody to tell", contractId);
        }
        return found.stream().findFirst();
    }

    private static String topic(String contractId) {
        return "decision:" + contractId;
    }

    private static String optionTopic(String contractId) {
        return "option:" + contractId;
    }

    private static String link(String contractId) {
        return "/contracts/" + contractId;
    }
}
