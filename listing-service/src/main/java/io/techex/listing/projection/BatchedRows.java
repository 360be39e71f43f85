package io.techex.listing.projection;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The rows of one read-model table that a processor batch changes, each written once, before the batch commits with
 * its token in one transaction. Handlers add a change of a row (null: no row) instead of writing; at prepare-commit the
 * batch's rows are read in one query, each row's changes applied in event order, and the rows that changed written in
 * one JDBC batch. A statement per event made a replay a round trip per event; this makes it two per batch and table.
 *
 * <p>A change must do in Java what an idempotent statement would do in SQL (an insert that leaves an existing row
 * alone, a revision that only moves forward, an update of a row that exists), so that a retried batch, or an event
 * seen again, leaves the row as it was.
 *
 * @param <R> a row, compared with {@code equals} to tell whether its changes changed it
 */
public final class BatchedRows<R> {

    /** Where the rows live. */
    public interface Table<R> {

        /**
         * The rows of these ids that exist, by id, locked until the batch commits: each row is written as computed
         * from what was read. A row's events go to one segment, owned by one thread at a time; should a claim be taken
         * over while its old owner still writes, one waits for the other.
         */
        Map<String, R> readForUpdate(Set<String> ids);

        /** Inserts or replaces these rows, in one JDBC batch. */
        void write(List<R> rows);
    }

    private final String resource;
    private final Table<R> table;

    /** {@code owner} names the unit of work resource, so that two projections in one processor keep apart. */
    public BatchedRows(Class<?> owner, Table<R> table) {
        this.resource = owner.getName() + ".changes";
        this.table = table;
    }

    /**
     * Adds a change of one row to the current batch. The batch's first change registers the batch's write, which runs
     * before the token is stored, in the same transaction.
     */
    public void change(String id, UnaryOperator<R> change) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        Map<String, List<UnaryOperator<R>>> changes = batch.getOrComputeResource(resource, key -> {
            Map<String, List<UnaryOperator<R>>> byId = new LinkedHashMap<>();
            batch.onPrepareCommit(unitOfWork -> write(byId));
            return byId;
        });
        changes.computeIfAbsent(id, key -> new ArrayList<>(4)).add(change);
    }

    private void write(Map<String, List<UnaryOperator<R>>> changes) {
        Map<String, R> rows = table.readForUpdate(changes.keySet());
        List<R> changed = new ArrayList<>();
        changes.forEach((id, rowChanges) -> {
            R before = rows.get(id);
            R after = before;
            for (UnaryOperator<R> change : rowChanges) {
                after = change.apply(after);
            }
            if (after != null && !after.equals(before)) {
                changed.add(after);
            }
        });
        if (!changed.isEmpty()) {
            table.write(changed);
        }
    }
}
