package io.techex.bidding;

import io.techex.testkit.AccessMatrix;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.techex.testkit.AccessMatrix.Role.FIRM;
import static io.techex.testkit.AccessMatrix.Role.OPERATOR;
import static io.techex.testkit.AccessMatrix.Role.REGULATOR;
import static io.techex.testkit.AccessMatrix.Role.UNIVERSITY;

/** Every endpoint of bidding-service × every role and every kind of bad token, against the running service. */
@IntegrationTest
class BiddingAccessMatrixTest {

    static final String TERMS = """
            {"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 24,
             "price": {"currency": "VND", "lumpSum": "500000000"}}""";
    static final String OFFER = """
            {"listingId": "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13", "terms": %s, "validUntil": "2099-01-01T00:00:00Z"}"""
            .formatted(TERMS);
    static final String COUNTER = """
            {"terms": %s, "validUntil": "2099-01-01T00:00:00Z"}""".formatted(TERMS);
    static final String AUCTION = """
            {"listingId": "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13", "dealType": "ASSIGNMENT", "startingPrice": "1000",
             "minimumIncrement": "100", "startsAt": "2098-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z"}""";
    static final String SEALED_AUCTION = """
            {"listingId": "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13", "dealType": "ASSIGNMENT", "reservePrice": "1000",
             "startsAt": "2098-01-01T00:00:00Z", "bidsDueAt": "2098-06-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z"}""";
    static final String COMMITMENT = """
            {"commitment": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""";
    static final String REVEAL = """
            {"amount": "1000", "currency": "VND", "secret": "3f1c9a7e5b2d4c6e8a0b1d3f5e7c9a2b"}""";
    static final String AMOUNT = """
            {"amount": "1000", "currency": "VND"}""";
    /** A bid with a maximum (a proxy bid): the same roles may send it as a plain one. */
    static final String BID = """
            {"amount": "1000", "maximum": "1500", "currency": "VND"}""";

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryRoleAsTheRulesSay() {
        AccessMatrix.of(context)
                .row("POST", "/negotiations", OFFER, FIRM)
                .row("POST", "/negotiations/{negotiationId}/counter-offers", COUNTER, FIRM, UNIVERSITY)
                .row("POST", "/negotiations/{negotiationId}/acceptance", null, FIRM, UNIVERSITY)
                .row("POST", "/negotiations/{negotiationId}/rejection", "{}", FIRM, UNIVERSITY)
                .row("GET", "/negotiations/{negotiationId}", null, FIRM, UNIVERSITY)
                .row("GET", "/negotiations", null, FIRM, UNIVERSITY)
                .row("POST", "/auctions", AUCTION, UNIVERSITY)
                .row("POST", "/auctions/{auctionId}/bids", BID, FIRM)
                .row("PUT", "/auctions/{auctionId}/bid-limit", AMOUNT, FIRM)
                .row("GET", "/auctions", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/auctions/{auctionId}", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/auctions/{auctionId}/board", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("POST", "/sealed-bid-auctions", SEALED_AUCTION, UNIVERSITY)
                .row("POST", "/sealed-bid-auctions/{auctionId}/commitments", COMMITMENT, FIRM)
                .row("POST", "/sealed-bid-auctions/{auctionId}/reveals", REVEAL, FIRM)
                .row("GET", "/sealed-bid-auctions", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/sealed-bid-auctions/{auctionId}", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .verify();
    }
}
