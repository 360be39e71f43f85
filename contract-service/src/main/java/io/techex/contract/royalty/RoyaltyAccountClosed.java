package io.techex.contract.royalty;

import java.time.Instant;
import java.time.LocalDate;

/** The licence ended early: periods stop at {@code lastDay}. */
public record RoyaltyAccountClosed(String contractId, LocalDate lastDay, Instant closedAt) {
}
