package io.techex.bidding;

import io.techex.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call what on bidding-service. Firms (buyers) open negotiations and bid; sellers (universities, institutes)
 * schedule auctions (English or sealed-bid) on their listings; everyone may watch an auction and its live board, which
 * show no sealed amount and no reserve; both parties of a negotiation answer its offers. Whether a negotiation or
 * auction is the caller's own is decided where it is loaded (another organisation's negotiation is a 404). Anything
 * not named here is closed. {@code BiddingAccessMatrixTest} holds the expected answer of every endpoint for every role.
 */
@Component
class BiddingAccessRules implements AccessRules {

    private static final String SELLER = "UNIVERSITY";
    private static final String BUYER = "FIRM";

    @Override
    public void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints
                .requestMatchers(HttpMethod.POST, "/negotiations").hasRole(BUYER)
                .requestMatchers(HttpMethod.POST, "/negotiations/*/counter-offers", "/negotiations/*/acceptance",
                        "/negotiations/*/rejection").hasAnyRole(BUYER, SELLER)
                .requestMatchers(HttpMethod.GET, "/negotiations", "/negotiations/*").hasAnyRole(BUYER, SELLER)
                .requestMatchers(HttpMethod.POST, "/auctions").hasRole(SELLER)
                .requestMatchers(HttpMethod.POST, "/auctions/*/bids").hasRole(BUYER)
                .requestMatchers(HttpMethod.PUT, "/auctions/*/bid-limit").hasRole(BUYER)
                .requestMatchers(HttpMethod.GET, "/auctions", "/auctions/*", "/auctions/*/board").authenticated()
                .requestMatchers(HttpMethod.POST, "/sealed-bid-auctions").hasRole(SELLER)
                .requestMatchers(HttpMethod.POST, "/sealed-bid-auctions/*/commitments", "/sealed-bid-auctions/*/reveals")
                .hasRole(BUYER)
                .requestMatchers(HttpMethod.GET, "/sealed-bid-auctions", "/sealed-bid-auctions/*").authenticated();
    }
}
