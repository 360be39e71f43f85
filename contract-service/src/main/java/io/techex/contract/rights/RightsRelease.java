package io.techex.contract.rights;

import io.techex.contract.api.ContractTerminated;
import io.techex.contract.api.OptionLapsed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Every terminated licence releases its rights from the day after its last day, however it ended: by a party's
 * command or by expiry, which a deadline inside the contract decides with no command and no caller; so does an option
 * that lapsed, by its own deadline. Subscribing (see
 * {@code contract-service.yml}), so the release commits in the termination's own transaction or neither does.
 */
@Component
@ProcessingGroup(RightsRelease.PROCESSING_GROUP)
class RightsRelease {

    static final String PROCESSING_GROUP = "rights-ledger";

    private final RightsLedger ledger;

    RightsRelease(RightsLedger ledger) {
        this.ledger = ledger;
    }

    @EventHandler
    void on(ContractTerminated event) {
        ledger.release(event.contractId(), event.listingId(), event.effectiveOn());
    }

    @EventHandler
    void on(OptionLapsed event) {
        ledger.release(event.contractId(), event.listingId(), event.lastDay());
    }
}
