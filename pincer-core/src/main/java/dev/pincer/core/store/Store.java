package dev.pincer.core.store;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pincer's embedded SQLite database, {@code $PINCER_HOME/pincer.db}: approvals, install records and
 * the audit log.
 *
 * <p>Every change runs in one transaction through {@link #write}; a crash, even a kill of the
 * process, leaves each transaction wholly applied or not at all, and a committed one survives a
 * power loss (the write-ahead log is synced at every commit). Opening checks the file first and
 * refuses, without changing it, a damaged file ({@code store.corrupt}) or one written by a newer
 * Pincer ({@code store.newer-schema}); it never replaces a file.
 *
 * <p>Thread-safe: writes from several threads take turns, reads run side by side. Several
 * processes may open the same file at once (a CLI {@code approve} while a gateway runs); a writer
 * waits up to five seconds for another process's write to finish.
 *
 * @since 0.1.0
 */
public final class Store implements AutoCloseable {

    private static final int READERS = 4;

    private final Path file;
    private final int schemaVersion;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReaderPool readers;
    private volatile boolean closed;

    private Store(Path file, int schemaVersion, Connection writer) {
        this.file = file;
        this.schemaVersion = schemaVersion;
        this.writer = writer;
        this.readers = new ReaderPool(file, READERS);
    }

    /**
     * Opens the database at {@code file}, creating it and its folders if missing, and upgrades its
     * schema to the latest version, one step per transaction.
     *
     * @throws PincerException {@code store.corrupt} for a file that is not an undamaged SQLite
     *     database, {@code store.newer-schema} for a file written by a newer Pincer (in both cases
     *     the file is left unchanged), {@code store.migrate} when an upgrade step fails, {@code
     *     store.open} when the file cannot be opened or created
     */
    public static Store open(Path file) {
        return open(file, Schema.MIGRATIONS);
    }

    static Store open(Path file, List<Migration> steps) {
        Path path = file.toAbsolutePath().normalize();
        createFolders(path);
        Inspection.check(path, steps.size());
        Connection writer;
        try {
            writer = Connections.writer(path);
        } catch (SQLException e) {
            throw SqlCodes.isCorruption(e)
                    ? StoreErrors.corrupt(path, e.getMessage())
                    : StoreErrors.cannotOpen(path, e);
        }
        try {
            int version = Migrator.migrate(writer, path, steps, deadline());
            return new Store(path, version, writer);
        } catch (SQLException e) {
            Connections.closeAfter(writer, e);
            throw StoreErrors.cannotOpen(path, e);
        } catch (RuntimeException e) {
            Connections.closeAfter(writer, e);
            throw e;
        }
    }

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}) and commits it; rolls it
     * back if the work or the commit fails, so nothing of a failed transaction is kept. While
     * another process holds the write lock the transaction waits, and is retried, for up to five
     * seconds.
     *
     * @return what {@code work} returned
     * @throws PincerException {@code store.write} (with the {@link SQLException} as cause) when
     *     SQLite fails, {@code store.corrupt} when it finds the file damaged
     * @throws RuntimeException whatever {@code work} threw, unchanged, after the rollback
     * @throws IllegalStateException if the store is closed, or when called from inside {@code
     *     write} on the same thread (use the connection the outer work was given)
     */
    public <T> T write(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("Store.write was called inside another write on the same thread; "
                    + "use the connection the outer work was given");
        }
        writeLock.lock();
        try {
            ensureOpen();
            return Transactions.run(writer, "BEGIN IMMEDIATE", work, deadline());
        } catch (SQLException e) {
            throw StoreErrors.failed(file, "store.write", "write to", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} in one read transaction on a query-only connection, so all its queries see
     * the same committed state. Does not see the uncommitted changes of a {@link #write} in progress,
     * even on the same thread.
     *
     * @return what {@code work} returned
     * @throws PincerException {@code store.read} (with the {@link SQLException} as cause) when
     *     SQLite fails, including when the work tries to change the database
     * @throws RuntimeException whatever {@code work} threw, unchanged
     * @throws IllegalStateException if the store is closed
     */
    public <T> T read(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        ensureOpen();
        Connection c;
        try {
            c = readers.acquire();
        } catch (SQLException e) {
            throw StoreErrors.failed(file, "store.read", "read", e);
        }
        try {
            return Transactions.run(c, "BEGIN", work, deadline());
        } catch (SQLException e) {
            throw StoreErrors.failed(file, "store.read", "read", e);
        } finally {
            release(c);
        }
    }

    /** Returns the schema version of the database, which is the latest this code knows. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Returns the absolute path of the database file. */
    public Path file() {
        return file;
    }

    /**
     * Closes the database after the write in progress, if any; reads in progress finish first on
     * their own connections. Closing twice does nothing.
     *
     * @throws PincerException {@code store.close} if SQLite fails to close a connection
     */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                readers.close();
            } finally {
                writer.close();
            }
        } catch (SQLException e) {
            throw StoreErrors.failed(file, "store.close", "close", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Store[" + file + ", schema " + schemaVersion + "]";
    }

    private void release(Connection c) {
        try {
            readers.release(c);
        } catch (SQLException e) {
            throw StoreErrors.failed(file, "store.close", "close a connection to", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The Pincer database " + file + " is closed.");
        }
    }

    private static long deadline() {
        return System.nanoTime() + Connections.BUSY_TIMEOUT.toNanos();
    }

    private static void createFolders(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw StoreErrors.cannotOpen(file, e);
        }
    }
}
