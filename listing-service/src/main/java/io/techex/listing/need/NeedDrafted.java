package io.techex.listing.need;

/** Internal: a firm drafted a need; nobody but the firm sees it until it is published. */
public record NeedDrafted(String needId, String ownerOrganisationId, NeedContent content) {
}
