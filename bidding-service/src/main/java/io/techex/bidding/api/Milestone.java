package io.techex.bidding.api;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/** A payment due when the buyer reaches a milestone (e.g. "first commercial sale"), in the price's currency. */
public record Milestone(String description, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
}
