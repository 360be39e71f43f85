package io.techex.contract.api;

import jakarta.annotation.Nullable;

import java.time.LocalDate;

/**
 * A step the contract pays for or requires, e.g. "pilot line running".
 *
 * @param dueDate by when; null when it is an event with no date, e.g. "first commercial sale"
 * @param payment due when the milestone is met; null for none
 */
public record Milestone(String milestoneId, String description, @Nullable LocalDate dueDate, @Nullable Money payment) {
}
