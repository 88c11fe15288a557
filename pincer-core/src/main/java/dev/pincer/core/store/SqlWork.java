package dev.pincer.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside one {@link Store} transaction.
 *
 * <p>The work uses the connection it is given and must not commit, roll back or change the
 * connection's settings; the store owns the transaction. It may run more than once when the
 * database is busy, so it must have no effect outside the connection.
 *
 * @param <T> what the work returns
 * @since 0.1.0
 */
@FunctionalInterface
public interface SqlWork<T> {

    /** Runs the work on {@code c} and returns its result. */
    T run(Connection c) throws SQLException;
}
