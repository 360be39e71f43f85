package io.techex.listing.events;

import io.techex.listing.api.ConfidentialDocumentViewed;
import io.techex.listing.api.NdaAccepted;
import io.techex.platform.axon.RenamedEventUpcaster;
import org.springframework.stereotype.Component;

import java.util.Map;

import static java.util.Map.entry;

/**
 * listing-service's events stored under a class name that has since changed, read as the class they are now (see
 * {@link RenamedEventUpcaster}): the public events that had been written beside their feature moved into {@code api},
 * where public events live; their CloudEvent types did not change.
 */
@Component
public class RenamedEvents extends RenamedEventUpcaster {

    public RenamedEvents() {
        super(Map.ofEntries(
                entry("io.techex.listing.disclosure.NdaAccepted", NdaAccepted.class),
                entry("io.techex.listing.document.ConfidentialDocumentViewed", ConfidentialDocumentViewed.class)));
    }
}
