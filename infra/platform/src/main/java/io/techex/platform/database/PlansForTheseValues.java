package io.techex.platform.database;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Makes PostgreSQL plan the rest of the current transaction's statements for their parameters of the moment, never
 * from a plan it cached for the statement. For statements over a table whose size swings by orders of magnitude (a
 * queue, a read model being rebuilt) with many ids in one {@code = ANY (?)}.
 * <p>
 * The driver prepares a statement it runs often, and PostgreSQL then keeps one generic plan for it on that connection,
 * made for the table as it was then, until its statistics change; with autovacuum off, or between two of its
 * analyses, that is until the connection closes. Two plans made while a table was nearly empty cost TechEx dearly once
 * it filled: listing-service's replays read each batch's 200 rows by a sequential scan that compared them with every
 * row written so far (20–30 ms a batch, 2026-12-06), and audit-service's log sequencer deleted a round's 5,000 entries
 * from its queue of 75,000 by a sequential scan that compared each row with the 5,000 ids one by one (a generic plan
 * cannot hash a parameter's array): 11.5 s a round, so that a backlog took minutes to reach the log (2026-12-07). The
 * same statements planned for their values take a few milliseconds: the array, now a constant, is hashed, or the
 * primary key is used. Planning each time costs PostgreSQL well under a millisecond a statement.
 */
public final class PlansForTheseValues {

    private PlansForTheseValues() {
    }

    /** Lasts until the current transaction ends ({@code SET LOCAL}); outside a transaction it does nothing. */
    public static void inThisTransaction(JdbcOperations jdbc) {
        jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }
}
