package io.techex.listing.search;

import jakarta.annotation.Nullable;

import java.util.List;

/**
 * One page of hits.
 *
 * @param nextCursor pass it back in {@link SearchQuery#cursor()} for the next page; null on the last page
 */
public record SearchPage(List<SearchHit> hits, @Nullable String nextCursor) {
}
