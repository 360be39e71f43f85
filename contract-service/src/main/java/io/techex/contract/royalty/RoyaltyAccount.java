package io.techex.contract.royalty;

import io.techex.contract.api.MilestoneMet;
import io.techex.contract.api.Milestone;
import io.techex.contract.api.MinimumRoyaltyToppedUp;
import io.techex.contract.api.Money;
import io.techex.contract.api.Royalty;
import io.techex.contract.api.RoyaltyPaid;
import io.techex.contract.api.RoyaltyReportOverdue;
import io.techex.contract.api.RoyaltyReported;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What the licensee owes and paid under an active contract's running terms: royalty reports per period, the minimum
 * annual royalty, milestones, payments, and reports that came late.
 * <p>
 * Its own aggregate rather than part of {@link io.techex.contract.agreement.Contract}: a licence reports monthly or
 * quarterly for years, so these events would outnumber the contract's own many times over and every signature or
 * termination would load them. {@link RoyaltyAccounts} opens the account, on the terms of the version in force, in the
 * transaction that activates the contract and closes it in the one that terminates it; expiry needs no message, since
 * the account knows the licence's last day from the start.
 * <ul>
 *   <li>Only the licensee reports, once per period and only after the period ended; net sales are not negative and
 *       are in the contract's currency. The royalty is computed here ({@link RoyaltyMath}).</li>
 *   <li>Minimum annual royalty: once every period of a contract year is reported, if their royalties come to less
 *       than the year's minimum (pro rata for a year the licence's end cut short), the difference is topped up onto
 *       the year's last period ({@link MinimumRoyaltyToppedUp}). Topping up on the report that completes the year,
 *       rather than on a calendar date, keeps it a consequence of facts the licensee stated; a year whose reports do
 *       not come shows up as overdue reports instead.</li>
 *   <li>Only the licensor confirms milestones and records payments (it is the one that received the money); a
 *       payment is against one reported period or one met milestone and never more than is outstanding on it.</li>
 *   <li>One durable deadline at a time per account walks the periods: when period n's report falls due it flags the
 *       report overdue if it has not come, then sets the deadline of period n + 1.</li>
 * </ul>
 * To an organisation that is not a party the account does not exist (404), as the contract does not.
 */
@Aggregate
public class RoyaltyAccount {

    static final String REPORT_DUE = "royalty-report-due";

    @AggregateIdentifier
    private String accountId;
    private String contractId;
    private String listingId;
    private String licensor;
    private String licensee;
    private String currency;
    private Royalty royalty;
    private RoyaltyPeriods periods;
    private final Map<String, Milestone> milestones = new LinkedHashMap<>();
    private final Map<Integer, BigDecimal> royalties = new HashMap<>();
    private final Map<Integer, BigDecimal> due = new HashMap<>();
    private final Map<Integer, BigDecimal> paid = new HashMap<>();
    private final Set<Integer> overdue = new HashSet<>();
    private final Set<Integer> toppedUpYears = new HashSet<>();
    private final Map<String, BigDecimal> milestonesDue = new HashMap<>();
    private final Map<String, BigDecimal> milestonesPaid = new HashMap<>();
    private int payments;

    protected RoyaltyAccount() {
        // for Axon: rebuilt from its events
    }

    /** The account of a contract, distinct from the contract's own id since both live in one event store. */
    public static String idOf(String contractId) {
        return "royalty-" + contractId;
    }

    @CommandHandler
    public RoyaltyAccount(OpenRoyaltyAccount command, DeadlineManager deadlines) {
        apply(new RoyaltyAccountOpened(command.accountId(), command.contractId(), command.listingId(),
                command.licensorOrganisationId(), command.licenseeOrganisationId(), command.currency(), command.royalty(),
                command.milestones(), command.firstDay(), command.lastDay(), command.reportGraceDays(), command.at()));
        if (command.royalty() != null) {
            // from the command: Axon applies a constructor's events to the new instance only once it has returned
            scheduleReportDeadline(new RoyaltyPeriods(command.firstDay(), command.lastDay(), command.royalty().period(),
                    command.reportGraceDays(), LocalDate.ofInstant(command.at(), ZoneOffset.UTC)).period(1), deadlines);
        }
    }

    @CommandHandler
    void handle(ReportRoyalty command) {
        requireParty(command.organisationId());
        if (!licensee.equals(command.organisationId())) {
            throw RuleViolation.conflict("licensee-reports", "The licensee, " + licensee + ", reports its net sales; "
                    + command.organisationId() + " confirms milestones and records payments");
        }
        if (royalty == null) {
            throw RuleViolation.conflict("no-running-royalty", "Contract " + contractId + " has no running royalty to report");
        }
        requireAmount("netSales", command.netSales(), true);
        RoyaltyPeriod period = periods.period(command.periodNumber());
        if (period == null) {
            throw RuleViolation.invalid("periodNumber", "Contract " + contractId + " has no royalty period "
                    + command.periodNumber() + (periods.lastDay() == null ? "" : "; its last period ends on " + periods.lastDay()));
        }
        LocalDate today = LocalDate.ofInstant(command.at(), ZoneOffset.UTC);
        if (!today.isAfter(period.until())) {
            throw RuleViolation.conflict("period-not-ended", "Period " + period.number() + " runs until " + period.until()
                    + "; it is reported from " + period.until().plusDays(1));
        }
        if (royalties.containsKey(period.number())) {
            throw RuleViolation.conflict("period-already-reported", "Period " + period.number() + " (" + period.from()
                    + " to " + period.until() + ") was already reported");
        }
        Money owed = RoyaltyMath.royalty(command.netSales(), royalty.ratePercent());
        apply(new RoyaltyReported(contractId, listingId, licensee, period.number(), period.from(), period.until(),
                command.netSales(), royalty.ratePercent(), owed, today.isAfter(period.reportDueBy()), command.at()));
        topUpIfYearComplete(period.contractYear());
    }

    @CommandHandler
    void handle(MarkMilestoneMet command) {
        requireParty(command.organisationId());
        requireLicensor(command.organisationId(), "confirms milestones");
        Milestone milestone = milestones.get(command.milestoneId());
        if (milestone == null) {
            throw RuleViolation.invalid("milestoneId", "Contract " + contractId + " has no milestone " + command.milestoneId()
                    + "; its milestones are " + milestones.keySet());
        }
        if (milestonesDue.containsKey(milestone.milestoneId())) {
            throw RuleViolation.conflict("milestone-already-met", "Milestone " + milestone.milestoneId() + " was already met");
        }
        requirePastDay("metOn", command.metOn(), command.at());
        String note = command.note() == null || command.note().isBlank() ? null : command.note().strip();
        apply(new MilestoneMet(contractId, listingId, milestone.milestoneId(), milestone.description(), command.metOn(),
                milestone.payment(), note, command.organisationId(), command.at()));
    }

    @CommandHandler
    void handle(RecordPayment command) {
        requireParty(command.organisationId());
        requireLicensor(command.organisationId(), "records the payments it received");
        if ((command.periodNumber() == null) == (command.milestoneId() == null)) {
            throw RuleViolation.invalid("periodNumber", "A payment is against one period's royalty (periodNumber) or one "
                    + "milestone (milestoneId)");
        }
        requireAmount("amount", command.amount(), false);
        requirePastDay("paidOn", command.paidOn(), command.at());
        BigDecimal outstanding;
        String item;
        if (command.periodNumber() != null) {
            item = "period " + command.periodNumber();
            if (!due.containsKey(command.periodNumber())) {
                throw RuleViolation.conflict("period-not-reported", "Period " + command.periodNumber()
                        + " has not been reported: nothing is due on it yet");
            }
            outstanding = due.get(command.periodNumber()).subtract(paid.getOrDefault(command.periodNumber(), BigDecimal.ZERO));
        } else {
            item = "milestone " + command.milestoneId();
            if (!milestones.containsKey(command.milestoneId())) {
                throw RuleViolation.invalid("milestoneId", "Contract " + contractId + " has no milestone " + command.milestoneId());
            }
            if (!milestonesDue.containsKey(command.milestoneId())) {
                throw RuleViolation.conflict("milestone-not-met", "Milestone " + command.milestoneId()
                        + " has not been met: nothing is due on it yet");
            }
            outstanding = milestonesDue.get(command.milestoneId())
                    .subtract(milestonesPaid.getOrDefault(command.milestoneId(), BigDecimal.ZERO));
        }
        if (command.amount().amount().compareTo(outstanding) > 0) {
            throw RuleViolation.conflict("payment-exceeds-outstanding", "Outstanding on " + item + ": "
                    + RoyaltyMath.rounded(outstanding, currency).amount().toPlainString() + " " + currency
                    + "; a payment is at most that");
        }
        String reference = command.reference() == null || command.reference().isBlank() ? null : command.reference().strip();
        apply(new RoyaltyPaid(contractId, listingId, payments + 1, command.periodNumber(), command.milestoneId(),
                RoyaltyMath.rounded(command.amount().amount(), currency), command.paidOn(), reference,
                command.organisationId(), command.at()));
    }

    /** Idempotent: closing again on the same day changes nothing. */
    @CommandHandler
    void handle(CloseRoyaltyAccount command, DeadlineManager deadlines) {
        if (periods == null || command.lastDay().equals(periods.lastDay())) {
            // milestones alone do not run by period; a second close on the same day is a retry
            return;
        }
        apply(new RoyaltyAccountClosed(contractId, command.lastDay(), command.at()));
        // the final year may now be complete (its later periods no longer exist)
        RoyaltyPeriod last = lastPeriod();
        if (last != null) {
            topUpIfYearComplete(last.contractYear());
        }
        // the pending deadline may be for a period that is now shorter or gone: start the walk again from the first
        // period still unaccounted for (one whose deadline has passed fires at once)
        deadlines.cancelAllWithinScope(REPORT_DUE);
        for (int number = 1; ; number++) {
            RoyaltyPeriod period = periods.period(number);
            if (period == null) {
                return;
            }
            if (!royalties.containsKey(number) && !overdue.contains(number)) {
                scheduleReportDeadline(period, deadlines);
                return;
            }
        }
    }

    @DeadlineHandler(deadlineName = REPORT_DUE)
    void on(RoyaltyReportDue due, DeadlineManager deadlines) {
        RoyaltyPeriod period = periods.period(due.periodNumber());
        if (period == null || !period.reportDueBy().equals(due.reportDueBy())) {
            // the licence ended before this period, or cut it short and set its deadline anew
            return;
        }
        if (!royalties.containsKey(period.number()) && !overdue.contains(period.number())) {
            apply(new RoyaltyReportOverdue(contractId, listingId, licensee, period.number(), period.from(),
                    period.until(), period.reportDueBy()));
        }
        scheduleReportDeadline(periods.period(period.number() + 1), deadlines);
    }

    private void topUpIfYearComplete(int year) {
        if (royalty.minimumPerYear() == null || toppedUpYears.contains(year)) {
            return;
        }
        var ofYear = periods.ofYear(year);
        if (ofYear.isEmpty() || !ofYear.stream().allMatch(period -> royalties.containsKey(period.number()))) {
            return;
        }
        BigDecimal reported = ofYear.stream().map(period -> royalties.get(period.number())).reduce(BigDecimal.ZERO, BigDecimal::add);
        Money minimum = RoyaltyMath.minimumFor(royalty.minimumPerYear(), periods.yearFrom(year), periods.yearUntil(year),
                periods.fullYearUntil(year));
        BigDecimal topUp = minimum.amount().subtract(reported);
        if (topUp.signum() > 0) {
            apply(new MinimumRoyaltyToppedUp(contractId, listingId, year, periods.yearFrom(year), periods.yearUntil(year),
                    minimum, RoyaltyMath.rounded(reported, currency), RoyaltyMath.rounded(topUp, currency),
                    ofYear.getLast().number()));
        }
    }

    private RoyaltyPeriod lastPeriod() {
        if (periods.lastDay() == null) {
            return null;
        }
        RoyaltyPeriod last = null;
        for (int number = 1; ; number++) {
            RoyaltyPeriod period = periods.period(number);
            if (period == null) {
                return last;
            }
            last = period;
        }
    }

    private void scheduleReportDeadline(RoyaltyPeriod period, DeadlineManager deadlines) {
        if (period != null) {
            deadlines.schedule(period.reportDueBy().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), REPORT_DUE,
                    new RoyaltyReportDue(period.number(), period.reportDueBy()));
        }
    }

    @EventSourcingHandler
    void on(RoyaltyAccountOpened event) {
        accountId = event.accountId();
        contractId = event.contractId();
        listingId = event.listingId();
        licensor = event.licensorOrganisationId();
        licensee = event.licenseeOrganisationId();
        currency = event.currency();
        royalty = event.royalty();
        periods = royalty == null ? null
                : new RoyaltyPeriods(event.firstDay(), event.lastDay(), royalty.period(), event.reportGraceDays(),
                        LocalDate.ofInstant(event.openedAt(), ZoneOffset.UTC));
        event.milestones().forEach(milestone -> milestones.put(milestone.milestoneId(), milestone));
    }

    @EventSourcingHandler
    void on(RoyaltyReported event) {
        royalties.put(event.periodNumber(), event.royalty().amount());
        due.merge(event.periodNumber(), event.royalty().amount(), BigDecimal::add);
    }

    @EventSourcingHandler
    void on(MinimumRoyaltyToppedUp event) {
        toppedUpYears.add(event.contractYear());
        due.merge(event.addedToPeriod(), event.topUp().amount(), BigDecimal::add);
    }

    @EventSourcingHandler
    void on(RoyaltyReportOverdue event) {
        overdue.add(event.periodNumber());
    }

    @EventSourcingHandler
    void on(MilestoneMet event) {
        milestonesDue.put(event.milestoneId(), event.paymentDue() == null ? BigDecimal.ZERO : event.paymentDue().amount());
    }

    @EventSourcingHandler
    void on(RoyaltyPaid event) {
        payments = event.paymentNumber();
        if (event.periodNumber() != null) {
            paid.merge(event.periodNumber(), event.amount().amount(), BigDecimal::add);
        } else {
            milestonesPaid.merge(event.milestoneId(), event.amount().amount(), BigDecimal::add);
        }
    }

    @EventSourcingHandler
    void on(RoyaltyAccountClosed event) {
        if (periods != null) {
            periods = new RoyaltyPeriods(periods.firstDay(), event.lastDay(), periods.length(), periods.graceDays(),
                    periods.openedOn());
        }
    }

    private void requireParty(String organisationId) {
        if (!licensor.equals(organisationId) && !licensee.equals(organisationId)) {
            throw new AggregateNotFoundException(accountId, "No contract " + contractId);
        }
    }

    private void requireLicensor(String organisationId, String what) {
        if (!licensor.equals(organisationId)) {
            throw RuleViolation.conflict("licensor-only", "The licensor, " + licensor + ", " + what);
        }
    }

    /** In the contract's currency, at most its minor unit, not negative; more than 0 unless {@code zeroAllowed}. */
    private void requireAmount(String field, Money amount, boolean zeroAllowed) {
        if (amount == null) {
            throw RuleViolation.invalid(field, "An amount and its currency are required");
        }
        String problem = amount.problem();
        if (problem != null) {
            throw RuleViolation.invalid(field, problem);
        }
        if (!amount.currency().equals(currency)) {
            throw RuleViolation.invalid(field + ".currency", "Contract " + contractId + " is kept in " + currency
                    + "; amounts are in " + currency + ", not " + amount.currency());
        }
        if (!zeroAllowed && amount.amount().signum() == 0) {
            throw RuleViolation.invalid(field, "A payment is more than 0");
        }
    }

    private static void requirePastDay(String field, LocalDate day, Instant now) {
        if (day == null) {
            throw RuleViolation.invalid(field, field + " is required");
        }
        if (day.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw RuleViolation.invalid(field, "It is recorded once it happened: on or before today (UTC), not " + day);
        }
    }
}
