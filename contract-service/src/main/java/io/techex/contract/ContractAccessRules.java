package io.techex.contract;

import io.techex.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call what on contract-service. Parties to contracts are sellers (UNIVERSITY) and buyers (FIRM): they register
 * signing keys, read, amend, sign and terminate; which contracts are theirs is decided where they are loaded (404 for
 * the rest). After a contract takes effect its parties keep its royalty account: the licensee reports, the licensor
 * confirms milestones and records payments; an option's holder exercises it (which party is the holder is the
 * contract's rule) (which party may do which is the account's rule, since a university may
 * also license in). Regulators read contracts and their accounts, list what awaits them and the accounts with overdue
 * reports, and decide permits and registrations. Anyone may ask who holds which rights in an asset. Anything not named here is closed. {@code ContractAccessMatrixTest} holds the
 * expected answer of every endpoint for every role.
 */
@Component
class ContractAccessRules implements AccessRules {

    private static final String[] PARTIES = {"UNIVERSITY", "FIRM"};
    private static final String REGULATOR = "REGULATOR";

    @Override
    public void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints
                .requestMatchers(HttpMethod.POST, "/signing-keys").hasAnyRole(PARTIES)
                .requestMatchers(HttpMethod.GET, "/signing-keys").hasAnyRole(PARTIES)
                .requestMatchers(HttpMethod.GET, "/contracts").hasAnyRole(PARTIES)
                .requestMatchers(HttpMethod.GET, "/contracts/*", "/contracts/*/document", "/contracts/*/account")
                        .hasAnyRole("UNIVERSITY", "FIRM", REGULATOR)
                .requestMatchers(HttpMethod.POST, "/contracts/*/amendments", "/contracts/*/amendments/*/acceptance",
                        "/contracts/*/signatures", "/contracts/*/termination", "/contracts/*/exercise").hasAnyRole(PARTIES)
                .requestMatchers(HttpMethod.POST, "/contracts/*/royalty-reports", "/contracts/*/payments",
                        "/contracts/*/milestones/*/met").hasAnyRole(PARTIES)
                .requestMatchers(HttpMethod.GET, "/regulator/pending", "/regulator/overdue-royalty-reports").hasRole(REGULATOR)
                .requestMatchers(HttpMethod.POST, "/contracts/*/permit-decision", "/contracts/*/registration-decision").hasRole(REGULATOR)
                .requestMatchers(HttpMethod.GET, "/assets/*/rights").authenticated();
    }
}
