package io.techex.contract.royalty;

import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;
import io.techex.contract.api.Royalty;
import jakarta.annotation.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A contract's royalty account as parties and regulators read it on a day: every period begun by then with what was
 * reported, due, paid and outstanding; every milestone; the payments; and the totals.
 *
 * @param overdueReports periods whose report was flagged overdue and has still not come
 */
public record RoyaltyStatement(String contractId, String listingId, String licensorOrganisationId,
                               String licenseeOrganisationId, String currency, @Nullable Royalty royalty, LocalDate firstDay,
                               @Nullable LocalDate lastDay, int reportGraceDays, LocalDate on, List<Period> periods,
                               List<MinimumTopUp> minimumTopUps, List<MilestoneLine> milestones,
                               List<RoyaltyAccountView.Payment> payments, Totals totals, int overdueReports) {

    /**
     * @param status IN_PROGRESS (not ended), AWAITING_REPORT (ended, report not yet due), OVERDUE (flagged, not
     *               reported), REPORTED
     * @param due    royalty plus any minimum top-up added to this period
     */
    public record Period(int number, LocalDate from, LocalDate until, LocalDate reportDueBy, String status,
                         @Nullable Money netSales, @Nullable Money royalty, @Nullable Money minimumTopUp, Money due, Money paid,
                         Money outstanding,
                         boolean late) {
    }

    public record MinimumTopUp(int contractYear, LocalDate yearFrom, LocalDate yearUntil, Money minimum,
                               Money royalties, Money topUp, int addedToPeriod) {
    }

    /** @param due the payment once met, 0 before */
    public record MilestoneLine(String milestoneId, String description, @Nullable LocalDate dueDate, @Nullable Money payment,
                                boolean met, @Nullable LocalDate metOn, Money due, Money paid, Money outstanding) {
    }

    /** @param reportedNetSales the sum of every report's net sales */
    public record Totals(Money reportedNetSales, Money due, Money paid, Money outstanding) {
    }

    static RoyaltyStatement of(RoyaltyAccountView view, LocalDate on) {
        String currency = view.currency;
        List<Period> periods = new ArrayList<>();
        BigDecimal sales = BigDecimal.ZERO;
        BigDecimal due = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        RoyaltyPeriods schedule = view.periods();
        int overdue = 0;
        if (schedule != null) {
            for (RoyaltyPeriod period : schedule.begunBy(on)) {
                RoyaltyAccountView.Report report = view.reports.stream()
                        .filter(r -> r.periodNumber() == period.number()).findFirst().orElse(null);
                BigDecimal topUp = view.topUps.stream().filter(t -> t.addedToPeriod() == period.number())
                        .map(t -> t.topUp().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal periodDue = report == null ? BigDecimal.ZERO : report.royalty().amount().add(topUp);
                BigDecimal periodPaid = view.payments.stream().filter(p -> Objects.equals(p.periodNumber(), period.number()))
                        .map(p -> p.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
                String status = report != null ? "REPORTED"
                        : view.flaggedOverdue.contains(period.number()) ? "OVERDUE"
                        : on.isAfter(period.until()) ? "AWAITING_REPORT" : "IN_PROGRESS";
                if (status.equals("OVERDUE")) {
                    overdue++;
                }
                periods.add(new Period(period.number(), period.from(), period.until(), period.reportDueBy(), status,
                        report == null ? null : report.netSales(), report == null ? null : report.royalty(),
                        topUp.signum() == 0 ? null : money(topUp, currency), money(periodDue, currency),
                        money(periodPaid, currency), money(periodDue.subtract(periodPaid), currency),
                        report != null && report.late()));
                sales = report == null ? sales : sales.add(report.netSales().amount());
                due = due.add(periodDue);
                paid = paid.add(periodPaid);
            }
        }
        List<MilestoneLine> milestones = new ArrayList<>();
        for (Milestone milestone : view.milestones) {
            RoyaltyAccountView.Met met = view.met.stream().filter(m -> m.milestoneId().equals(milestone.milestoneId()))
                    .findFirst().orElse(null);
            BigDecimal milestoneDue = met == null || met.paymentDue() == null ? BigDecimal.ZERO : met.paymentDue().amount();
            BigDecimal milestonePaid = view.payments.stream().filter(p -> milestone.milestoneId().equals(p.milestoneId()))
                    .map(p -> p.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            milestones.add(new MilestoneLine(milestone.milestoneId(), milestone.description(), milestone.dueDate(),
                    milestone.payment(), met != null, met == null ? null : met.metOn(), money(milestoneDue, currency),
                    money(milestonePaid, currency), money(milestoneDue.subtract(milestonePaid), currency)));
            due = due.add(milestoneDue);
            paid = paid.add(milestonePaid);
        }
        List<MinimumTopUp> topUps = view.topUps.stream().map(t -> new MinimumTopUp(t.contractYear(), t.yearFrom(),
                t.yearUntil(), t.minimum(), t.royalties(), t.topUp(), t.addedToPeriod())).toList();
        return new RoyaltyStatement(view.contractId, view.listingId, view.licensorOrganisationId,
                view.licenseeOrganisationId, currency, view.royalty, view.firstDay, view.lastDay, view.reportGraceDays, on,
                periods, topUps, milestones, List.copyOf(view.payments),
                new Totals(money(sales, currency), money(due, currency), money(paid, currency),
                        money(due.subtract(paid), currency)), overdue);
    }

    private static Money money(BigDecimal amount, String currency) {
        return RoyaltyMath.rounded(amount, currency);
    }
}
