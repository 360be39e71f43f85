package io.techex.listing;

import io.techex.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call what on listing-service. Sellers (universities, institutes, any IP holder) draft, submit, publish and
 * withdraw their listings; the operator checks ownership; co-owners consent; every organisation may read a listing
 * it can see, and which it can see is {@code ListingVisibility}'s decision, answering 404 for the rest. Firms post needs
 * and decide on the proposals universities make to them; the operator moderates needs. Anything not named here is closed.
 * {@code ListingAccessMatrixTest} holds the expected answer of every endpoint for every role.
 */
@Component
class ListingAccessRules implements AccessRules {

    private static final String SELLER = "UNIVERSITY";
    private static final String BUYER = "FIRM";
    private static final String OPERATOR = "OPERATOR";
    private static final String REGULATOR = "REGULATOR";

    @Override
    public void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints
                // drafting and the seller's steps to the market
                .requestMatchers(HttpMethod.POST, "/listings").hasRole(SELLER)
                .requestMatchers(HttpMethod.PUT, "/listings/*/draft", "/listings/*/sale-mode").hasRole(SELLER)
                .requestMatchers(HttpMethod.POST, "/listings/*/submission", "/listings/*/publication",
                        "/listings/*/withdrawal").hasRole(SELLER)
                // co-owners on an IP title may be institutes or firms
                .requestMatchers(HttpMethod.POST, "/listings/*/co-owner-consent").hasAnyRole(SELLER, BUYER)
                // the operator checks ownership before anything goes public
                .requestMatchers(HttpMethod.GET, "/listings/awaiting-verification").hasRole(OPERATOR)
                .requestMatchers(HttpMethod.POST, "/listings/*/ownership-verification",
                        "/listings/*/ownership-rejection").hasRole(OPERATOR)
                // an assignment can make a firm the owner of a listing
                .requestMatchers(HttpMethod.GET, "/listings/mine").hasAnyRole(SELLER, BUYER)
                .requestMatchers(HttpMethod.GET, "/listings", "/listings/*").authenticated();
        // documents: the seller uploads and removes; every role may read, and which documents it sees (the seller's own,
        // public ones of listings on the market, confidential ones under an accepted NDA or for the operator's check)
        // is decided where they are loaded
        endpoints
                .requestMatchers(HttpMethod.POST, "/listings/*/documents").hasRole(SELLER)
                .requestMatchers(HttpMethod.DELETE, "/listings/*/documents/*").hasRole(SELLER)
                .requestMatchers(HttpMethod.GET, "/listings/*/documents", "/listings/*/documents/*").authenticated()
                // NDAs: firms ask, sellers decide, both parties follow their requests
                .requestMatchers(HttpMethod.POST, "/listings/*/nda-requests").hasRole(BUYER)
                .requestMatchers(HttpMethod.POST, "/nda-requests/*/accept", "/nda-requests/*/decline").hasRole(SELLER)
                .requestMatchers(HttpMethod.GET, "/nda-requests", "/nda-requests/*").hasAnyRole(SELLER, BUYER)
                // enquiries: firms ask or register interest, sellers answer, both parties read theirs
                .requestMatchers(HttpMethod.POST, "/listings/*/enquiries").hasRole(BUYER)
                .requestMatchers(HttpMethod.POST, "/enquiries/*/answer").hasRole(SELLER)
                .requestMatchers(HttpMethod.GET, "/enquiries", "/enquiries/*").hasAnyRole(SELLER, BUYER);
        // needs: firms (and State agencies with a firm's login) post them, the operator takes abusive ones down,
        // everyone reads those on the market; whose need it is, and whether its owner is shown, is decided where it is loaded
        endpoints
                .requestMatchers(HttpMethod.POST, "/needs").hasRole(BUYER)
                .requestMatchers(HttpMethod.PUT, "/needs/*").hasRole(BUYER)
                .requestMatchers(HttpMethod.POST, "/needs/*/publication", "/needs/*/closure").hasRole(BUYER)
                .requestMatchers(HttpMethod.POST, "/needs/*/takedown").hasRole(OPERATOR)
                .requestMatchers(HttpMethod.GET, "/needs/mine").hasRole(BUYER)
                .requestMatchers(HttpMethod.GET, "/needs/*/matches").hasAnyRole(BUYER, OPERATOR, REGULATOR)
                .requestMatchers(HttpMethod.GET, "/needs", "/needs/*", "/needs/*/proposals").authenticated()
                // a listing's matching needs: its seller, or a firm that became its owner, the operator and regulators
                .requestMatchers(HttpMethod.GET, "/listings/*/matches").authenticated()
                // proposals: universities answer needs, the need's owner decides; the parties read theirs, the operator
                // and regulators every one, and only the parties download attachments
                .requestMatchers(HttpMethod.POST, "/needs/*/proposals").hasRole(SELLER)
                .requestMatchers(HttpMethod.POST, "/proposals/*/attachments", "/proposals/*/submission",
                        "/proposals/*/withdrawal").hasRole(SELLER)
                .requestMatchers(HttpMethod.POST, "/proposals/*/shortlist", "/proposals/*/decline",
                        "/proposals/*/negotiation").hasRole(BUYER)
                .requestMatchers(HttpMethod.GET, "/proposals/*/attachments/*").hasAnyRole(SELLER, BUYER)
                .requestMatchers(HttpMethod.GET, "/proposals").hasAnyRole(SELLER, BUYER)
                .requestMatchers(HttpMethod.GET, "/proposals/*").authenticated();
    }
}
