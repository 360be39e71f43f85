package io.techex.contract.agreement;

import io.techex.contract.rights.RightsClaim;
import io.techex.contract.rights.RightsLedger;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Sends a command to a contract and finishes what it starts, all in one database transaction: Axon's unit of work
 * joins it, so the contract's events, the rights ledger's rows and the contract view commit together or not at all.
 * When the command leaves the contract READY, the ledger decides at once whether it takes effect, and every
 * {@link ContractFollowUp} (the royalty account) follows; when a party terminates a licence, they follow too. The
 * ledger releases a terminated licence's rights itself ({@code RightsRelease}), since a licence also ends by expiry,
 * where no command passes through here.
 */
@Component
public class ContractSteps {

    private final ActingCommandGateway commands;
    private final RightsLedger ledger;
    private final ContractViewProjection contracts;
    private final List<ContractFollowUp> followUps;
    private final Clock clock;

    ContractSteps(ActingCommandGateway commands, RightsLedger ledger, ContractViewProjection contracts,
                  List<ContractFollowUp> followUps, Clock clock) {
        this.commands = commands;
        this.ledger = ledger;
        this.contracts = contracts;
        this.followUps = followUps;
        this.clock = clock;
    }

    @Transactional
    public ContractProgress send(Object command, Actor actor) {
        ContractProgress progress = commands.send(command, actor);
        RightsClaim claim = progress.claim();
        if (claim == null) {
            return progress;
        }
        if (progress.status() == ContractStatus.TERMINATED) {
            Instant now = clock.instant();
            followUps.forEach(followUp -> followUp.terminated(claim.contractId(), claim.until(), now, actor));
            return progress;
        }
        return takeEffect(claim, actor);
    }

    /**
     * The holder exercises an option: the option records it and answers with the licence contract it fixed, which is
     * drawn up in the same transaction, so there is never an exercised option without its licence. The option's
     * reservation stays in the ledger and makes room for that licence alone until it takes effect.
     */
    @Transactional
    public OptionExercise exercise(ExerciseOption command, Actor actor) {
        CreateContract licence = commands.send(command, actor);
        commands.send(licence, actor);
        return new OptionExercise(command.contractId(), ContractStatus.EXERCISED, licence.contractId(), ContractStatus.DRAFTING);
    }

    /**
     * The rights are those of the version in force, on its dates: from the agreed first day, even one already past (a
     * licence may be agreed to cover use since then), or from today (UTC) when no start was agreed. A term that ended
     * before the contract could take effect grants nothing, and the contract is refused.
     */
    private ContractProgress takeEffect(RightsClaim claim, Actor actor) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = claim.from() == null ? today : claim.from();
        LocalDate until = claim.until() != null || claim.termMonths() == null ? claim.until()
                : from.plusMonths(claim.termMonths()).minusDays(1);
        Optional<String> conflict = until != null && until.isBefore(today)
                ? Optional.of("its term ended on " + until + ", before the contract could take effect on " + today)
                : ledger.grant(claim, from, until);
        if (conflict.isPresent()) {
            return commands.send(new RefuseActivation(claim.contractId(), "The rights cannot be granted: " + conflict.get(), now), actor);
        }
        ContractProgress activated = commands.send(new ActivateContract(claim.contractId(), from, until, now), actor);
        // the view's processor is subscribing: the activation just updated it, in this transaction
        ContractView view = contracts.find(claim.contractId()).orElseThrow();
        var inForce = new ContractInForce(claim.contractId(), claim.listingId(), claim.grantorOrganisationId(),
                claim.holderOrganisationId(), view.version, view.terms, from, until, now);
        followUps.forEach(followUp -> followUp.tookEffect(inForce, actor));
        return activated;
    }
}
