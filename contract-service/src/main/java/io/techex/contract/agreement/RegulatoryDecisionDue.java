package io.techex.contract.agreement;

import io.techex.contract.api.RegulatoryDecisionOverdue.Decision;

import java.time.Instant;

/** Deadline payload: the regulator's {@code decision} was due by {@code dueBy}. */
public record RegulatoryDecisionDue(Decision decision, Instant dueBy) {
}
