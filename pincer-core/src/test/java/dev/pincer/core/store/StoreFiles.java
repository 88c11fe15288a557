package dev.pincer.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Makes and inspects database files by hand, without {@link Store}, for tests. */
final class StoreFiles {

    private StoreFiles() {}

    /** Runs {@code sql} on {@code file} through a plain connection, creating the file if missing. */
    static void execute(Path file, String... sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the first column of every row {@code sql} selects, as strings. */
    static List<String> column(Path file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the first column of every row {@code sql} selects through {@code store}. */
    static List<String> column(Store store, String sql) {
        return store.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                List<String> values = new ArrayList<>();
                while (r.next()) {
                    values.add(r.getString(1));
                }
                return values;
            }
        });
    }

    /** Returns the content of {@code file}. */
    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inserts an approval of version {@code version} of plugin {@code id}. */
    static void approve(Connection c, String id, String version) throws SQLException {
        try (var s = c.prepareStatement("INSERT INTO approvals VALUES (?, ?, '[]', 1, 'test')")) {
            s.setString(1, id);
            s.setString(2, version);
            s.executeUpdate();
        }
    }
}
