/**
 * What listing-service publishes for the rest of the exchange: its public events (CloudEvents on
 * {@code techex.listing.events}, schemas in the contracts folder) and the value types they carry. Every public event of
 * the service is here, with everything it carries ({@code TechExArchitecture} checks both). {@link NdaAccepted} and
 * {@link ConfidentialDocumentViewed} were released beside their features;
 * {@link io.techex.listing.events.RenamedEvents} reads the rows stored under those names as the classes here.
 */
package io.techex.listing.api;
