package dev.pincer.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database up to the latest schema, one step per transaction, so a failed or interrupted
 * upgrade leaves the database at the last step that completed.
 *
 * <p>Stateless. Safe against other processes upgrading the same file at the same time: each step
 * checks the version again after taking the write lock.
 */
final class Migrator {

    private Migrator() {}

    /**
     * Applies the steps of {@code steps} that {@code c}'s database lacks, and returns its version
     * afterwards.
     *
     * @throws dev.pincer.core.diagnostics.PincerException {@code store.migrate} when a step fails,
     *     {@code store.newer-schema} when another process wrote a newer schema meanwhile
     */
    static int migrate(Connection c, Path file, List<Migration> steps, long deadlineNanos) throws SQLException {
        int current = version(c);
        for (Migration step : steps) {
            if (step.version() > current) {
                apply(c, file, step, steps.size(), deadlineNanos);
            }
        }
        current = version(c);
        if (current > steps.size()) {
            throw StoreErrors.newer(file, current, steps.size());
        }
        return current;
    }

    private static void apply(Connection c, Path file, Migration step, int latest, long deadlineNanos) {
        try {
            Transactions.run(
                    c,
                    "BEGIN IMMEDIATE",
                    conn -> {
                        try (Statement s = conn.createStatement()) {
                            int now = Inspection.userVersion(s);
                            if (now > latest) {
                                throw StoreErrors.newer(file, now, latest);
                            }
                            if (now >= step.version()) {
                                return null;
                            }
                            for (String sql : step.statements()) {
                                s.execute(sql);
                            }
                            s.execute("PRAGMA user_version = " + step.version());
                        }
                        return null;
                    },
                    deadlineNanos);
        } catch (SQLException e) {
            if (SqlCodes.isCorruption(e)) {
                throw StoreErrors.failed(file, "store.migrate", "upgrade", e);
            }
            throw StoreErrors.migration(file, step, e);
        }
    }

    private static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return Inspection.userVersion(s);
        }
    }
}
