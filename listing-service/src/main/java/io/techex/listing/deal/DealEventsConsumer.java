package io.techex.listing.deal;

import io.cloudevents.CloudEvent;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.catalogue.MarkUnderAuction;
import io.techex.listing.catalogue.MarkUnderContract;
import io.techex.listing.catalogue.MarkUnderNegotiation;
import io.techex.listing.catalogue.RecordLicence;
import io.techex.listing.catalogue.RecordTransfer;
import io.techex.listing.catalogue.ReturnToMarket;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.consumer.EventConsumerConfiguration;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Moves listings along as their deals go, from the other services' public events: a negotiation opened or an auction
 * scheduled puts the listing under negotiation or auction, and the last of them ending without a deal puts it back
 * on the market; a contract created puts the listing under contract, an active licence makes it licensed, an assignment transfers it to the buyer, and a
 * contract that ends before it took effect returns it to the market. An option in force keeps the listing under
 * contract: its exercise draws up the licence it fixed, which takes its place, and its lapse returns the listing to
 * the market.
 * <p>
 * Each event has its effect once: the inbox records it in the transaction the listing's command runs in. A command
 * the listing refuses (say, a contract for a listing withdrawn meanwhile) is retried and then goes to the dead-letter
 * topic, where operations see it; the event itself is in the audit trail either way.
 */
@Component
class DealEventsConsumer {

    static final String CONSUMER = "deals";
    static final String CONTRACT_CREATED = "io.techex.contract.ContractCreated.v1";
    static final String CONTRACT_ACTIVATED = "io.techex.contract.ContractActivated.v1";
    static final String OWNERSHIP_TRANSFERRED = "io.techex.contract.OwnershipTransferred.v1";
    static final String CONTRACT_TERMINATED = "io.techex.contract.ContractTerminated.v1";
    static final String OPTION_LAPSED = "io.techex.contract.OptionLapsed.v1";
    static final String NEGOTIATION_OPENED = "io.techex.bidding.NegotiationOpened.v1";
    static final String NEGOTIATION_ENDED = "io.techex.bidding.NegotiationEnded.v1";
    static final String AUCTION_SCHEDULED = "io.techex.bidding.AuctionScheduled.v1";
    static final String AUCTION_CLOSED_WITHOUT_SALE = "io.techex.bidding.AuctionClosedWithoutSale.v1";
    static final Set<String> HANDLED = Set.of(NEGOTIATION_OPENED, NEGOTIATION_ENDED, AUCTION_SCHEDULED,
            AUCTION_CLOSED_WITHOUT_SALE, CONTRACT_CREATED, CONTRACT_ACTIVATED, OWNERSHIP_TRANSFERRED, CONTRACT_TERMINATED, OPTION_LAPSED);

    private final EventInbox inbox;
    private final ActingCommandGateway actingCommands;
    private final CommandGateway commands;

    DealEventsConsumer(EventInbox inbox, ActingCommandGateway actingCommands, CommandGateway commands) {
        this.inbox = inbox;
        this.actingCommands = actingCommands;
        this.commands = commands;
    }

    @KafkaListener(id = "listing-deals", topics = "#{@topics.consumed()}", groupId = "#{@topics.group('deals')}",
            containerFactory = EventConsumerConfiguration.LISTENER_FACTORY)
    void on(CloudEvent cloudEvent) {
        if (!HANDLED.contains(cloudEvent.getType())) {
            // concerns nothing here (a bid, say): not even an inbox row, which would cost a transaction per event
            return;
        }
        inbox.handleOnce(CONSUMER, InboundEvent.from(cloudEvent), this::apply);
    }

    private void apply(InboundEvent event) {
        Object command = switch (event.type()) {
            case NEGOTIATION_OPENED -> {
                var opened = event.dataAs(NegotiationView.class);
                yield new MarkUnderNegotiation(opened.listingId(), opened.negotiationId());
            }
            case NEGOTIATION_ENDED -> {
                var ended = event.dataAs(NegotiationEndedView.class);
                yield new ReturnToMarket(ended.listingId(), "Negotiation " + ended.negotiationId() + " ended: "
                        + ended.outcome(), ended.negotiationId());
            }
            case AUCTION_SCHEDULED -> {
                var scheduled = event.dataAs(AuctionView.class);
                yield new MarkUnderAuction(scheduled.listingId(), scheduled.auctionId());
            }
            case AUCTION_CLOSED_WITHOUT_SALE -> {
                var closed = event.dataAs(AuctionClosedView.class);
                yield new ReturnToMarket(closed.listingId(), "Auction " + closed.auctionId() + " closed without sale: "
                        + closed.reason(), closed.auctionId());
            }
            case CONTRACT_CREATED -> {
                var created = event.dataAs(ContractCreatedView.class);
                yield new MarkUnderContract(created.listingId(), created.contractId(), created.buyerOrganisationId(),
                        new DealOption(created.terms().dealType(), created.terms().fieldOfUse(), created.terms().territory()),
                        event.dataAs(ExercisedOptionView.class).exercisedOption());
            }
            case CONTRACT_ACTIVATED -> {
                var activated = event.dataAs(ContractActivatedView.class);
                // an assignment takes effect in the listing with OwnershipTransferred, which names the new owner; an
                // option in force keeps the listing under contract until it is exercised or lapses
                yield activated.dealType().isLicence() ? new RecordLicence(activated.listingId(), activated.contractId()) : null;
            }
            case OWNERSHIP_TRANSFERRED -> {
                var transferred = event.dataAs(OwnershipTransferredView.class);
                yield new RecordTransfer(transferred.listingId(), transferred.contractId());
            }
            case CONTRACT_TERMINATED -> {
                var terminated = event.dataAs(ContractTerminatedView.class);
                // the listing only cares while it is under this contract; a licence ending later leaves it as it is
                yield new ReturnToMarket(terminated.listingId(), "Contract " + terminated.contractId() + " ended: "
                        + terminated.reason(), terminated.contractId());
            }
            case OPTION_LAPSED -> {
                var lapsed = event.dataAs(OptionLapsedView.class);
                yield new ReturnToMarket(lapsed.listingId(), "Option " + lapsed.contractId() + " lapsed unexercised",
                        lapsed.contractId());
            }
            default -> null;
        };
        if (command == null) {
            return;
        }
        // news that crossed the listing's own withdrawal or contract is accepted by the listing and changes nothing
        if (event.actor() == null) {
            commands.sendAndWait(command);
        } else {
            actingCommands.send(command, event.actor());
        }
    }

    record NegotiationView(String negotiationId, String listingId) {
    }

    record NegotiationEndedView(String negotiationId, String listingId, String outcome) {
    }

    record AuctionView(String auctionId, String listingId) {
    }

    record AuctionClosedView(String auctionId, String listingId, String reason) {
    }

    /** What listing-service reads of contract-service's {@code ContractCreated}. */
    record ContractCreatedView(String contractId, String listingId, String buyerOrganisationId, Terms terms) {

        record Terms(DealType dealType, String fieldOfUse, String territory) {
        }
    }

    /** A licence drawn up by exercising an option names it (absent from every other contract). */
    record ExercisedOptionView(String exercisedOption) {
    }

    record ContractActivatedView(String contractId, String listingId, DealType dealType) {
    }

    record OptionLapsedView(String contractId, String listingId) {
    }

    record OwnershipTransferredView(String contractId, String listingId, String toOrganisationId) {
    }

    record ContractTerminatedView(String contractId, String listingId, String reason) {
    }
}
