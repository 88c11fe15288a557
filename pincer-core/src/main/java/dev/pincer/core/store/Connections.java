package dev.pincer.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;

/**
 * Opens SQLite connections to a store file with the settings the store relies on.
 *
 * <p>Stateless and thread-safe.
 */
final class Connections {

    /** How long a statement waits for another connection's lock before failing with busy. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

    private Connections() {}

    /**
     * Opens a read-write connection, creating the file if it is missing: write-ahead log, a full
     * sync at every commit (a committed write survives a crash), foreign keys enforced.
     */
    static Connection writer(Path file) throws SQLException {
        SQLiteConfig config = common();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        return config.createConnection(url(file));
    }

    /** Opens a connection that refuses to change the database, for {@link Store#read}. */
    static Connection reader(Path file) throws SQLException {
        Connection c = writer(file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
        } catch (SQLException e) {
            closeAfter(c, e);
            throw e;
        }
        return c;
    }

    /**
     * Opens a connection that cannot write to the file at all, not even its header, for checking
     * a file before Pincer trusts it. The file must exist.
     */
    static Connection inspector(Path file) throws SQLException {
        SQLiteConfig config = common();
        config.setReadOnly(true);
        return config.createConnection(url(file));
    }

    /** Closes {@code c} after {@code failure}, keeping any close failure as suppressed. */
    static void closeAfter(Connection c, Throwable failure) {
        try {
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static SQLiteConfig common() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        return config;
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }
}
