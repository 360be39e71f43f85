package io.techex.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Settings under {@code techex.console}.
 *
 * @param listingUrl     listing-service's base URL (the catalogue, listings, documents, NDAs, enquiries)
 * @param biddingUrl     bidding-service's base URL (negotiations, auctions, live boards)
 * @param contractUrl    contract-service's base URL (contracts, signing keys, royalty accounts, rights; for regulators
 *                       decisions due, permits and registrations)
 * @param auditUrl       audit-service's base URL (regulators: trails, exports, the log's heads and keys, checks,
 *                       statistics)
 * @param notificationUrl notification-service's base URL (each person's feed and what they have not read)
 * @param serviceTimeout how long a page waits for a service before it says the service is unavailable
 */
@ConfigurationProperties("techex.console")
public record ConsoleProperties(@DefaultValue("http://localhost:8081") URI listingUrl,
                                @DefaultValue("http://localhost:8082") URI biddingUrl,
                                @DefaultValue("http://localhost:8083") URI contractUrl,
                                @DefaultValue("http://localhost:8084") URI auditUrl,
                                @DefaultValue("http://localhost:8085") URI notificationUrl,
                                @DefaultValue("10s") Duration serviceTimeout) {
}
