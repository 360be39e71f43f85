package io.techex.listing.need;

/** Internal: the firm changed its draft; the event carries the draft as it now stands. */
public record NeedDraftRevised(String needId, int revision, NeedContent content) {
}
