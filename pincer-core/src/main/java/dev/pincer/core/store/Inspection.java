package dev.pincer.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an existing store file before Pincer writes to it: it must be an undamaged SQLite
 * database whose schema is not newer than this code. Reads through a read-only connection, so a
 * file that fails the check is left exactly as it was.
 *
 * <p>Stateless.
 */
final class Inspection {

    /** How many of {@code quick_check}'s findings a message quotes. */
    private static final int FINDINGS_QUOTED = 3;

    private Inspection() {}

    /**
     * Checks {@code file} if it exists.
     *
     * @throws dev.pincer.core.diagnostics.PincerException {@code store.corrupt}, {@code
     *     store.newer-schema} or {@code store.open}
     */
    static void check(Path file, int latest) {
        if (!Files.exists(file)) {
            return;
        }
        try (Connection c = Connections.inspector(file);
                Statement s = c.createStatement()) {
            List<String> findings = quickCheck(s);
            if (!findings.equals(List.of("ok"))) {
                throw StoreErrors.corrupt(file, String.join("; ", findings).replace("\n", "; "));
            }
            int version = userVersion(s);
            if (version > latest) {
                throw StoreErrors.newer(file, version, latest);
            }
        } catch (SQLException e) {
            if (SqlCodes.isCorruption(e)) {
                throw StoreErrors.corrupt(file, e.getMessage());
            }
            throw StoreErrors.cannotOpen(file, e);
        }
    }

    /** Returns the schema version recorded in the database {@code s} is connected to. */
    static int userVersion(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<String> quickCheck(Statement s) throws SQLException {
        List<String> findings = new ArrayList<>();
        try (ResultSet r = s.executeQuery("PRAGMA quick_check(" + FINDINGS_QUOTED + ")")) {
            while (r.next()) {
                findings.add(r.getString(1));
            }
        }
        return findings;
    }
}
