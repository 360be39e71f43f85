package io.techex.contract.agreement;

import io.techex.platform.actor.Actor;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What another feature does when a contract takes effect or a party terminates it, in the same transaction as the
 * contract's own events ({@link ContractSteps} calls every such bean). The royalty account is opened and closed this
 * way: royalty depends on the contract, the contract on nothing of royalty.
 */
public interface ContractFollowUp {

    /** The contract took effect: {@code contract} is the version in force and the rights the ledger granted. */
    void tookEffect(ContractInForce contract, Actor actor);

    /**
     * A party terminated the licence; its rights end after {@code lastDay}. An expiry comes with no command and so not
     * here: the licence's last day was known when it took effect.
     */
    void terminated(String contractId, LocalDate lastDay, Instant at, Actor actor);
}
