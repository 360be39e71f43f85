package io.techex.notification.addressing;

import java.util.List;

/**
 * What a notification is about. Each kind's message (in {@code notification/messages_vi.properties} and
 * {@code _en}) is {@code notification.<KIND>[.<side>].subject} and {@code .text}, whose arguments {0}, {1}... are the
 * parameters named here in this order, formatted for the reader ({@code title} is the listing's title in their
 * language, {@code amount} the amount with its currency, instants in the configured zone). A kind with sides has one
 * message per side ({@code side} in the parameters): who answers an offer and who made it read different words.
 */
public enum Kind {

    /** Another organisation's bid now leads an English auction the reader's organisation led. */
    OUTBID("title", "amount"),
    /** A firm made an offer on the reader's listing. */
    OFFER_RECEIVED("title", "validUntil"),
    /** The other party countered; the reader's turn. */
    OFFER_COUNTERED("title", "round", "validUntil"),
    /** The offer on the table lapses within a day: side ANSWER (the reader must answer it) or OWN (the reader made it). */
    OFFER_EXPIRES_TOMORROW("title", "validUntil"),
    /** A version of a contract waits for the reader's organisation's signature. */
    CONTRACT_AWAITS_SIGNATURE("title", "version"),
    /** The reader's organisation holds an option that lapses within a week unless it exercises it. */
    OPTION_LAPSES_SOON("title", "lapsesAt"),
    /** An option the reader's organisation granted or held lapsed unexercised: its rights are free again. */
    OPTION_LAPSED("title", "lastDay"),
    /** Regulators: a contract waits for a permit or registration decision. */
    REGULATORY_DECISION_REQUESTED("title", "decision", "dueBy"),
    /** Regulators: that decision is due within three days. */
    REGULATORY_DECISION_DUE_SOON("title", "decision", "dueBy"),
    /** Regulators: that decision was not made by its deadline. */
    REGULATORY_DECISION_OVERDUE("title", "decision", "dueBy"),
    /** The operator verified the ownership of the reader's listing: it may be published. */
    LISTING_VERIFIED("title"),
    /** The operator rejected the ownership documents of the reader's listing, with a reason. */
    LISTING_REJECTED("title", "reason"),
    /** A listing matches a need: side NEED (the reader owns the need) or LISTING (the reader sells the listing). */
    NEW_MATCH("title", "score");

    private final List<String> arguments;

    Kind(String... arguments) {
        this.arguments = List.of(arguments);
    }

    /** The parameters that fill the message's {0}, {1}..., in order. */
    public List<String> arguments() {
        return arguments;
    }
}
