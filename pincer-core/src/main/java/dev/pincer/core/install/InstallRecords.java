package dev.pincer.core.install;

import dev.pincer.core.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The install records in the embedded store ({@code installs} table): one per plugin Pincer
 * installed.
 *
 * <p>Thread-safe; the store serialises writers.
 *
 * @since 0.1.0
 */
public final class InstallRecords {

    private final Store store;

    /** Creates the records over {@code store}. */
    public InstallRecords(Store store) {
        this.store = store;
    }

    /** Returns the record of {@code pluginId}, if Pincer installed it. */
    public Optional<InstallRecord> find(String pluginId) {
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM installs WHERE plugin_id = ?")) {
                select.setString(1, pluginId);
                return rows(select).stream().findFirst();
            }
        });
    }

    /** Returns every record, by plugin id. */
    public List<InstallRecord> all() {
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM installs ORDER BY plugin_id")) {
                return rows(select);
            }
        });
    }

    /** Writes {@code record} on {@code c}, inside the caller's transaction, replacing an earlier one. */
    static void put(Connection c, InstallRecord record) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT OR REPLACE INTO installs (plugin_id, version,"
                + " source, kind, ref, digest, commit_id, path, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, record.pluginId());
            insert.setString(2, record.version());
            insert.setString(3, record.source());
            insert.setString(4, record.kind().label());
            insert.setString(5, record.ref());
            insert.setString(6, record.digest());
            insert.setString(7, record.commit());
            insert.setString(8, record.path().toString());
            insert.setLong(9, record.installedAt().toEpochMilli());
            insert.executeUpdate();
        }
    }

    /** Deletes the record of {@code pluginId} on {@code c}, inside the caller's transaction. */
    static void delete(Connection c, String pluginId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM installs WHERE plugin_id = ?")) {
            delete.setString(1, pluginId);
            delete.executeUpdate();
        }
    }

    private static List<InstallRecord> rows(PreparedStatement select) throws SQLException {
        List<InstallRecord> out = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                out.add(new InstallRecord(
                        rows.getString("plugin_id"),
                        rows.getString("version"),
                        rows.getString("source"),
                        Fetched.Kind.valueOf(rows.getString("kind").toUpperCase(Locale.ROOT)),
                        rows.getString("ref"),
                        rows.getString("digest"),
                        rows.getString("commit_id"),
                        Path.of(rows.getString("path")),
                        Instant.ofEpochMilli(rows.getLong("installed_at"))));
            }
        }
        return out;
    }
}
