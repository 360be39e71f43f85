package io.techex.listing.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Text in Vietnamese (required) and English (optional). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalizedText(String vi, String en) {
}
