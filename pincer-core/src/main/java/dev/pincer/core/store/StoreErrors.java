package dev.pincer.core.store;

import dev.pincer.core.diagnostics.PincerException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Makes the exceptions the store throws, each saying what was wrong with which file and what to
 * do.
 *
 * <p>Stateless.
 */
final class StoreErrors {

    private StoreErrors() {}

    /** Returns the failure for a file that is not a database or a damaged one. */
    static PincerException corrupt(Path file, String detail) {
        return new PincerException(
                "store.corrupt",
                null,
                file,
                "The Pincer database " + file + " is damaged or is not a SQLite database: " + detail,
                "Move " + file + " aside (for example rename it to " + file.getFileName() + ".broken, and its "
                        + file.getFileName() + "-wal and " + file.getFileName() + "-shm files with it if present);"
                        + " Pincer then starts a new database, and plugin approvals must be given again. Pincer"
                        + " did not change the file.");
    }

    /** Returns the failure for a database written by a newer Pincer. */
    static PincerException newer(Path file, int found, int known) {
        return new PincerException(
                "store.newer-schema",
                null,
                file,
                "The Pincer database " + file + " has schema version " + found
                        + ", but this Pincer knows schema versions up to " + known + ".",
                "Upgrade Pincer, or point PINCER_HOME elsewhere. Pincer did not change the file.");
    }

    /** Returns the failure for a database that could not be opened at all. */
    static PincerException cannotOpen(Path file, Exception cause) {
        PincerException e = new PincerException(
                "store.open",
                null,
                file,
                "Cannot open the Pincer database " + file + ": " + cause.getMessage(),
                "Check that " + file.getParent() + " exists, is a folder and is writable, or point PINCER_HOME"
                        + " elsewhere.");
        e.initCause(cause);
        return e;
    }

    /** Returns the failure for a schema step that could not be applied. */
    static PincerException migration(Path file, Migration step, SQLException cause) {
        PincerException e = new PincerException(
                "store.migrate",
                null,
                file,
                "Cannot upgrade the Pincer database " + file + " to schema version " + step.version() + " ("
                        + step.description() + "): " + cause.getMessage(),
                "The database was left at schema version " + (step.version() - 1)
                        + "; free some disk space or make the file writable, and start Pincer again.");
        e.initCause(cause);
        return e;
    }

    /**
     * Returns the failure for a read or a write that failed with {@code cause}.
     *
     * @param code {@code store.read} or {@code store.write}
     * @param doing what was being done, e.g. {@code "write to"}
     */
    static PincerException failed(Path file, String code, String doing, SQLException cause) {
        PincerException e;
        if (SqlCodes.isCorruption(cause)) {
            e = corrupt(file, cause.getMessage());
        } else {
            e = new PincerException(
                    code,
                    null,
                    file,
                    "Could not " + doing + " the Pincer database " + file + ": " + cause.getMessage(),
                    SqlCodes.isBusy(cause)
                            ? "Another Pincer process kept the database locked for more than "
                                    + Connections.BUSY_TIMEOUT.toSeconds() + " s; try again."
                            : "Check that the disk has free space and that " + file + " is writable.");
        }
        e.initCause(cause);
        return e;
    }
}
