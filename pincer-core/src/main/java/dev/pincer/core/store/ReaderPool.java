package dev.pincer.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;

/**
 * Lends query-only connections to {@link Store#read}, opening them on demand up to a fixed number,
 * so reads in several threads run side by side (SQLite's write-ahead log lets them read while
 * another connection writes).
 *
 * <p>Thread-safe.
 */
final class ReaderPool {

    private final Path file;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ReaderPool(Path file, int size) {
        this.file = file;
        this.permits = new Semaphore(size, true);
    }

    /**
     * Returns a connection, waiting while all are lent out; give it back with {@link #release}.
     *
     * @throws IllegalStateException if the pool is closed
     */
    Connection acquire() throws SQLException {
        permits.acquireUninterruptibly();
        try {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("The Pincer database " + file + " is closed.");
                }
                Connection c = idle.poll();
                if (c != null) {
                    return c;
                }
            }
            return Connections.reader(file);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Takes back {@code c}, closing it if the pool was closed meanwhile. */
    void release(Connection c) throws SQLException {
        try {
            synchronized (this) {
                if (!closed) {
                    idle.push(c);
                    return;
                }
            }
            c.close();
        } finally {
            permits.release();
        }
    }

    /** Closes the idle connections; connections lent out are closed when given back. */
    void close() throws SQLException {
        SQLException failure = null;
        synchronized (this) {
            closed = true;
            for (Connection c : idle) {
                try {
                    c.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            idle.clear();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
