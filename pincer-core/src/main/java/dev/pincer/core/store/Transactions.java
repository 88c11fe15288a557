package dev.pincer.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work in one SQLite transaction: begin, work, commit, or roll back on any failure; a busy
 * database is retried until a deadline.
 *
 * <p>Stateless; the caller makes sure one connection runs one transaction at a time.
 */
final class Transactions {

    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private Transactions() {}

    /**
     * Runs {@code work} in a transaction opened with {@code begin} ({@code BEGIN IMMEDIATE} to
     * write, {@code BEGIN} to read), again and again while the database is busy and {@code
     * deadlineNanos} (a {@link System#nanoTime()} value) has not passed.
     *
     * @throws SQLException the last failure, after the transaction was rolled back
     */
    static <T> T run(Connection c, String begin, SqlWork<T> work, long deadlineNanos) throws SQLException {
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return once(c, begin, work);
            } catch (SQLException e) {
                if (!SqlCodes.isBusy(e) || System.nanoTime() + pause * 1_000_000 > deadlineNanos) {
                    throw e;
                }
                if (!sleep(pause)) {
                    throw e;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    private static <T> T once(Connection c, String begin, SqlWork<T> work) throws SQLException {
        execute(c, begin);
        try {
            T result = work.run(c);
            execute(c, "COMMIT");
            return result;
        } catch (Throwable failure) {
            rollback(c, failure);
            throw failure;
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            execute(c, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite already rolled back after some failures (a full disk, for one); say so anyway.
            failure.addSuppressed(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
