package dev.pincer.core.store;

import java.sql.SQLException;

/**
 * Sorts SQLite failures by their result code.
 *
 * <p>Stateless.
 */
final class SqlCodes {

    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_NOTADB = 26;
    private static final int PRIMARY = 0xff;

    private SqlCodes() {}

    /** Returns whether another connection held a lock that {@code e} ran into. */
    static boolean isBusy(SQLException e) {
        int code = e.getErrorCode() & PRIMARY;
        return code == SQLITE_BUSY || code == SQLITE_LOCKED;
    }

    /** Returns whether {@code e} says the file is not a database or a damaged one. */
    static boolean isCorruption(SQLException e) {
        int code = e.getErrorCode() & PRIMARY;
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    }
}
