package io.techex.console.regulator;

import io.techex.console.regulator.Regulation.Decision;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision as typed: GRANTED with a number, or REFUSED with a reason.
 */
public record DecisionForm(String outcome, String number, String reason) {

    public boolean isGrant() {
        return "GRANTED".equals(outcome);
    }

    /** The fields a decision of {@code kind} still lacks, as the form names them. */
    public List<String> missing(String kind) {
        List<String> missing = new ArrayList<>();
        if (!"GRANTED".equals(outcome) && !"REFUSED".equals(outcome)) {
            missing.add("outcome");
        } else if (isGrant() && (number == null || number.isBlank())) {
            missing.add("PERMIT".equals(kind) ? "permitNumber" : "registrationNumber");
        } else if (!isGrant() && (reason == null || reason.isBlank())) {
            missing.add("reason");
        }
        return missing;
    }

    public String eventName(String kind) {
        return new Decision(kind, outcome, null, null, null, null, null, null).eventName();
    }
}
