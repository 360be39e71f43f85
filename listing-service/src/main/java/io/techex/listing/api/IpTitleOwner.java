package io.techex.listing.api;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/**
 * A registered owner of an IP title and its share. The share travels as a decimal string so that no JSON reader
 * turns 33.34 into a binary float.
 */
public record IpTitleOwner(String organisationId, String name,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sharePercent) {
}
