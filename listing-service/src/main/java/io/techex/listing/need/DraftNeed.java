package io.techex.listing.need;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A firm drafts a need of its own organisation. */
public record DraftNeed(@TargetAggregateIdentifier String needId, String ownerOrganisationId, NeedContent content) {
}
