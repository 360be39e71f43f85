package io.techex.contract.royalty;

import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;
import io.techex.contract.api.Royalty;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A royalty account's facts as stored (JSON in {@code royalty_account.view}), edited event by event by
 * {@link RoyaltyAccountProjection}; {@link RoyaltyStatement} turns them into what parties and regulators read.
 */
public class RoyaltyAccountView {

    public String contractId;
    public String listingId;
    public String licensorOrganisationId;
    public String licenseeOrganisationId;
    public String currency;
    public Royalty royalty;
    public LocalDate firstDay;
    public LocalDate lastDay;
    public int reportGraceDays;
    public List<Milestone> milestones = new ArrayList<>();
    public List<Report> reports = new ArrayList<>();
    public List<TopUp> topUps = new ArrayList<>();
    public List<Met> met = new ArrayList<>();
    public List<Payment> payments = new ArrayList<>();
    /** Periods whose report was flagged overdue, reported since or not. */
    public Set<Integer> flaggedOverdue = new TreeSet<>();
    public Instant openedAt;
    public Instant updatedAt;

    public record Report(int periodNumber, Money netSales, Money royalty, boolean late, Instant reportedAt) {
    }

    public record TopUp(int contractYear, LocalDate yearFrom, LocalDate yearUntil, Money minimum, Money royalties,
                        Money topUp, int addedToPeriod) {
    }

    public record Met(String milestoneId, LocalDate metOn, Money paymentDue, String note, Instant recordedAt) {
    }

    /** Against a period or a milestone: the other is null. */
    public record Payment(int paymentNumber, @Nullable Integer periodNumber, @Nullable String milestoneId, Money amount,
                          LocalDate paidOn, @Nullable String reference, Instant recordedAt) {
    }

    RoyaltyPeriods periods() {
        return royalty == null ? null : new RoyaltyPeriods(firstDay, lastDay, royalty.period(), reportGraceDays,
                LocalDate.ofInstant(openedAt, ZoneOffset.UTC));
    }

    /** Periods reported late or flagged, and not reported yet. */
    int overdueReports() {
        return (int) flaggedOverdue.stream().filter(number -> reports.stream().noneMatch(r -> r.periodNumber() == number)).count();
    }
}
