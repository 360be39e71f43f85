package io.techex.platform.chain;

/**
 * The first place where an event store's chain does not hold.
 *
 * @param aggregateIdentifier the aggregate whose chain breaks
 * @param sequenceNumber      the sequence number of the broken link: the changed event, or the first missing one
 * @param eventIdentifier     the event at that link, or for a missing row the event stored after the gap; null when
 *                            no stored event is there (events missing at the end of a chain)
 * @param problem             what kind of break
 * @param detail              what exactly differs, for a person
 */
public record BrokenLink(String aggregateIdentifier, long sequenceNumber, String eventIdentifier, Problem problem,
                         String detail) {

    /** The kinds of break the verifier tells apart. */
    public enum Problem {
        /** The row's fields no longer hash to its stored content hash: its content was changed. */
        CONTENT_CHANGED,
        /** A sequence number is missing: a row was deleted from the middle or the end of the chain. */
        ROW_MISSING,
        /**
         * The stored chain hash does not follow from the previous link and this row's content hash (or the chain
         * head disagrees with the last row): a row was rewritten together with its own hashes, or a hash was edited.
         */
        CHAIN_HASH_MISMATCH
    }

    @Override
    public String toString() {
        return problem + " at aggregate " + aggregateIdentifier + " sequence " + sequenceNumber
                + (eventIdentifier == null ? "" : " (event " + eventIdentifier + ")") + ": " + detail;
    }
}
