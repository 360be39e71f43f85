package io.techex.contract.royalty;

import io.techex.contract.agreement.ContractFollowUp;
import io.techex.contract.agreement.ContractInForce;
import io.techex.contract.api.ContractTerms;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A contract that takes effect with a running royalty or milestones gets its royalty account, on the terms of the
 * version in force and from the first day of its rights; a licence a party terminates closes its account on its last
 * day. Both in the transaction that changes the contract.
 */
@Component
class RoyaltyAccounts implements ContractFollowUp {

    private final ActingCommandGateway commands;
    private final RoyaltyAccountProjection accounts;
    private final int reportGraceDays;

    RoyaltyAccounts(ActingCommandGateway commands, RoyaltyAccountProjection accounts,
                    @Value("${techex.royalty.report-grace-days:30}") int reportGraceDays) {
        this.commands = commands;
        this.accounts = accounts;
        this.reportGraceDays = reportGraceDays;
    }

    @Override
    public void tookEffect(ContractInForce contract, Actor actor) {
        ContractTerms terms = contract.terms();
        if (terms.royalty() == null && terms.milestones().isEmpty()) {
            return;
        }
        commands.send(new OpenRoyaltyAccount(contract.contractId(), contract.listingId(), contract.grantorOrganisationId(),
                contract.holderOrganisationId(), terms.currency(), terms.royalty(), terms.milestones(),
                contract.rightsFrom(), contract.rightsUntil(), reportGraceDays, contract.tookEffectAt()), actor);
    }

    @Override
    public void terminated(String contractId, LocalDate lastDay, Instant at, Actor actor) {
        if (accounts.find(contractId).isPresent()) {
            commands.send(new CloseRoyaltyAccount(contractId, lastDay, at), actor);
        }
    }
}
