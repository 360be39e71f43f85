package io.techex.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is gone, retry later" (503) rather than a bug (500). */
class DatabaseUnavailableTest {

    @Test
    void aConnectionTheServerDroppedIsUnavailability() {
        var closed = new UncategorizedSQLException("load aggregate", "SELECT ...", new SQLException("Connection is closed"));

        assertThat(ProblemHandling.isDatabaseUnavailable(closed)).isTrue();
    }

    @Test
    void aCommitCutOffWhoseRollbackFailedTooIsUnavailability() {
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(ProblemHandling.isDatabaseUnavailable(rollbackFailed)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ProblemHandling.isDatabaseUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(ProblemHandling.isDatabaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        var otherCommitFailure = new TransactionSystemException("commit failed");
        otherCommitFailure.initApplicationException(new IllegalArgumentException("bad"));
        assertThat(ProblemHandling.isDatabaseUnavailable(otherCommitFailure)).isFalse();
    }
}
