package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.rights.RightsClaim;
import io.techex.contract.rights.RightsLedger;
import io.techex.contract.royalty.CloseRoyaltyAccount;
import io.techex.contract.royalty.OpenRoyaltyAccount;
import io.techex.contract.royalty.RoyaltyAccountProjection;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Sends a command to a contract and finishes what it starts, all in one database transaction: Axon's unit of work
 * joins it, so the contract's events, the rights ledger's rows and the contract view commit together or not at all.
 * When the command leaves the contract READY, the ledger decides at once whether it takes effect, and a contract that
 * does and has a running royalty or milestones gets its royalty account; when a party terminates a licence, its
 * account closes on the licence's last day. The ledger releases a terminated licence's rights itself
 * ({@code RightsRelease}), since a licence also ends by expiry, where no command passes through here.
 */
@Component
public class ContractSteps {

    private final ActingCommandGateway commands;
    private final RightsLedger ledger;
    private final ContractViewProjection contracts;
    private final RoyaltyAccountProjection accounts;
    private final Clock clock;
    private final int reportGraceDays;

    ContractSteps(ActingCommandGateway commands, RightsLedger ledger, ContractViewProjection contracts,
                  RoyaltyAccountProjection accounts, Clock clock,
                  @Value("${techex.royalty.report-grace-days:30}") int reportGraceDays) {
        this.commands = commands;
        this.ledger = ledger;
        this.contracts = contracts;
        this.accounts = accounts;
        this.clock = clock;
        this.reportGraceDays = reportGraceDays;
    }

    @Transactional
    public ContractProgress send(Object command, Actor actor) {
        ContractProgress progress = commands.send(command, actor);
        RightsClaim claim = progress.claim();
        if (claim == null) {
            return progress;
        }
        if (progress.status() == ContractStatus.TERMINATED) {
            if (accounts.find(claim.contractId()).isPresent()) {
                commands.send(new CloseRoyaltyAccount(claim.contractId(), claim.until(), clock.instant()), actor);
            }
            return progress;
        }
        return takeEffect(claim, actor);
    }

    /** The rights start on the term's first day, or today if that has passed (UTC calendar day). */
    private ContractProgress takeEffect(RightsClaim claim, Actor actor) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = claim.from() == null || claim.from().isBefore(today) ? today : claim.from();
        LocalDate until = claim.until() != null || claim.termMonths() == null ? claim.until()
                : from.plusMonths(claim.termMonths()).minusDays(1);
        Optional<String> conflict = ledger.grant(claim, from, until);
        if (conflict.isPresent()) {
            return commands.send(new RefuseActivation(claim.contractId(), "The rights cannot be granted: " + conflict.get(), now), actor);
        }
        ContractProgress activated = commands.send(new ActivateContract(claim.contractId(), from, until, now), actor);
        openRoyaltyAccount(claim, from, until, now, actor);
        return activated;
    }

    /**
     * The terms as they took effect come from the contract view: its processor is subscribing, so the view was
     * updated by the activation in this very transaction.
     */
    private void openRoyaltyAccount(RightsClaim claim, LocalDate from, LocalDate until, Instant now, Actor actor) {
        ContractTerms terms = contracts.find(claim.contractId()).orElseThrow().terms;
        if (terms.royalty() == null && terms.milestones().isEmpty()) {
            return;
        }
        commands.send(new OpenRoyaltyAccount(claim.contractId(), claim.listingId(), claim.grantorOrganisationId(),
                claim.holderOrganisationId(), terms.currency(), terms.royalty(), terms.milestones(), from, until,
                reportGraceDays, now), actor);
    }
}
