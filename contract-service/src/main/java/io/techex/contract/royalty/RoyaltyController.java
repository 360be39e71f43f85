package io.techex.contract.royalty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.contract.agreement.ContractView;
import io.techex.contract.agreement.ContractViewProjection;
import io.techex.contract.api.Money;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A contract's royalty account: the licensee reports net sales per period, the licensor confirms milestones and
 * records payments, both parties and regulators read it. As with the contract itself, an organisation that is not a
 * party gets 404; regulators read every account, since they audit them.
 */
@RestController
@Tag(name = "Royalties", description = "A licence's royalty account: reports of net sales, payments, milestones")
class RoyaltyController {

    private final ActingCommandGateway commands;
    private final RoyaltyAccountProjection accounts;
    private final ContractViewProjection contracts;
    private final Clock clock;

    RoyaltyController(ActingCommandGateway commands, RoyaltyAccountProjection accounts, ContractViewProjection contracts, Clock clock) {
        this.commands = commands;
        this.accounts = accounts;
        this.contracts = contracts;
        this.clock = clock;
    }

    @Operation(summary = "Read a contract's royalty account")
    @GetMapping("/contracts/{contractId}/account")
    RoyaltyStatement account(@PathVariable UUID contractId, @CurrentActor Actor actor) {
        return statement(contractId, actor);
    }

    /** @param periodNumber 1 for the period starting on the first day of the rights; see the account's periods */
    record RoyaltyReportRequest(@NotNull Integer periodNumber, @NotNull Money netSales) {
    }

    @Operation(summary = "Report a period's net sales (licensee)")
    @PostMapping("/contracts/{contractId}/royalty-reports")
    RoyaltyStatement report(@PathVariable UUID contractId, @Valid @RequestBody RoyaltyReportRequest request, @CurrentActor Actor actor) {
        requireAccount(contractId, actor);
        commands.send(new ReportRoyalty(contractId.toString(), actor.organisationId(), request.periodNumber(),
                Money.of(request.netSales().amount(), request.netSales().currency()), clock.instant()), actor);
        return statement(contractId, actor);
    }

    /** Against {@code periodNumber} or {@code milestoneId}, one of them. */
    record PaymentRequest(Integer periodNumber, String milestoneId, @NotNull Money amount, @NotNull LocalDate paidOn,
                          String reference) {
    }

    @Operation(summary = "Record a payment against a period or a milestone (licensor)")
    @PostMapping("/contracts/{contractId}/payments")
    RoyaltyStatement pay(@PathVariable UUID contractId, @Valid @RequestBody PaymentRequest request, @CurrentActor Actor actor) {
        requireAccount(contractId, actor);
        commands.send(new RecordPayment(contractId.toString(), actor.organisationId(), request.periodNumber(),
                request.milestoneId(), Money.of(request.amount().amount(), request.amount().currency()), request.paidOn(),
                request.reference(), clock.instant()), actor);
        return statement(contractId, actor);
    }

    record MilestoneMetRequest(@NotNull LocalDate metOn, String note) {
    }

    @Operation(summary = "Confirm a milestone was met (licensor)")
    @PostMapping("/contracts/{contractId}/milestones/{milestoneId}/met")
    RoyaltyStatement milestoneMet(@PathVariable UUID contractId, @PathVariable String milestoneId,
                                  @Valid @RequestBody MilestoneMetRequest request, @CurrentActor Actor actor) {
        requireAccount(contractId, actor);
        commands.send(new MarkMilestoneMet(contractId.toString(), actor.organisationId(), milestoneId, request.metOn(),
                request.note(), clock.instant()), actor);
        return statement(contractId, actor);
    }

    /** Accounts whose reports were flagged overdue and have not come, the most behind first. */
    @Operation(summary = "Royalty accounts with overdue reports, the most behind first (regulator)")
    @GetMapping("/regulator/overdue-royalty-reports")
    List<RoyaltyStatement> overdue() {
        LocalDate today = today();
        return accounts.withOverdueReports().stream().map(view -> RoyaltyStatement.of(view, today)).toList();
    }

    private RoyaltyStatement statement(UUID contractId, Actor actor) {
        requireContract(contractId, actor);
        return accounts.find(contractId.toString()).map(view -> RoyaltyStatement.of(view, today()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Contract " + contractId
                        + " has no royalty account: one opens when a contract with a royalty or milestones takes effect"));
    }

    /** A party writing to a contract that has not taken effect (or has nothing to report) is told so, not 404. */
    private void requireAccount(UUID contractId, Actor actor) {
        ContractView contract = requireContract(contractId, actor);
        if (accounts.find(contractId.toString()).isEmpty()) {
            throw RuleViolation.conflict("no-royalty-account", "Contract " + contractId + " is " + contract.status
                    + " and has no royalty account: one opens when a contract with a royalty or milestones takes effect");
        }
    }

    private ContractView requireContract(UUID contractId, Actor actor) {
        return contracts.find(contractId.toString())
                .filter(view -> actor.role() == Actor.Role.REGULATOR || view.sellerOrganisationId.equals(actor.organisationId())
                        || view.buyerOrganisationId.equals(actor.organisationId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No contract " + contractId));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
