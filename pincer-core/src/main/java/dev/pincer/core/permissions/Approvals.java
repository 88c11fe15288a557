package dev.pincer.core.permissions;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.manifest.Permissions.FileGrant;
import dev.pincer.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the approvals a person gave, per plugin and version, in the embedded store.
 *
 * <p>Each approval or revocation is written together with its audit record in one transaction: a
 * crash leaves either both or neither. Thread-safe, and safe to use from several processes at
 * once (the store serialises writers).
 *
 * @since 0.1.0
 */
public final class Approvals implements ApprovalBook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Store store;
    private final Clock clock;

    /** Creates the book over {@code store}. */
    public Approvals(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records that {@code actor} approved {@code permissions} for {@code version} of {@code
     * pluginId}, replacing an earlier approval of the same version.
     *
     * @return the approval as stored
     */
    public Approval approve(String pluginId, String version, Permissions permissions, String actor) {
        Approval approval = new Approval(pluginId, version, permissions, clock.instant(), actor);
        store.write(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR REPLACE INTO approvals"
                    + " (plugin_id, version, permissions, approved_at, approved_by) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, pluginId);
                insert.setString(2, version);
                insert.setString(3, toJson(permissions));
                insert.setLong(4, approval.approvedAt().toEpochMilli());
                insert.setString(5, actor);
                insert.executeUpdate();
            }
            audit(c, actor, pluginId, "approve", version + ": " + PermissionText.summary(permissions));
            return null;
        });
        return approval;
    }

    /**
     * Withdraws every approval of {@code pluginId}, all versions.
     *
     * @return how many approvals were withdrawn
     */
    public int revoke(String pluginId, String actor) {
        return store.write(c -> {
            int removed;
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM approvals WHERE plugin_id = ?")) {
                delete.setString(1, pluginId);
                removed = delete.executeUpdate();
            }
            if (removed > 0) {
                audit(c, actor, pluginId, "revoke", removed + (removed == 1 ? " approval" : " approvals"));
            }
            return removed;
        });
    }

    @Override
    public Optional<Approval> find(String pluginId, String version) {
        return first("WHERE plugin_id = ? AND version = ?", pluginId, version);
    }

    @Override
    public Optional<Approval> latest(String pluginId) {
        return first("WHERE plugin_id = ? ORDER BY approved_at DESC, rowid DESC LIMIT 1", pluginId);
    }

    /** Returns every approval, by plugin, newest first within each. */
    public List<Approval> all() {
        return store.read(c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT * FROM approvals ORDER BY plugin_id, approved_at DESC, rowid DESC")) {
                return rows(select);
            }
        });
    }

    private Optional<Approval> first(String where, String... values) {
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM approvals " + where)) {
                for (int i = 0; i < values.length; i++) {
                    select.setString(i + 1, values[i]);
                }
                return rows(select).stream().findFirst();
            }
        });
    }

    private static List<Approval> rows(PreparedStatement select) throws SQLException {
        List<Approval> out = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                out.add(new Approval(
                        rows.getString("plugin_id"),
                        rows.getString("version"),
                        fromJson(rows.getString("permissions")),
                        Instant.ofEpochMilli(rows.getLong("approved_at")),
                        rows.getString("approved_by")));
            }
        }
        return out;
    }

    private void audit(Connection c, String actor, String pluginId, String action, String target) throws SQLException {
        AuditLog.insertIn(
                c,
                new AuditEvent(
                        clock.instant(),
                        actor,
                        pluginId,
                        AuditEvent.Kind.APPROVAL,
                        action,
                        target,
                        AuditEvent.Decision.ALLOWED,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    /** Returns {@code permissions} as the JSON kept in the store, shaped like the manifest's. */
    static String toJson(Permissions permissions) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode network = node.putArray("network");
        permissions.network().forEach(network::add);
        ArrayNode files = node.putArray("filesystem");
        permissions.filesystem().forEach(f -> files.addObject()
                .put("path", f.path())
                .put("mode", f.mode().label()));
        ArrayNode env = node.putArray("env");
        permissions.env().forEach(env::add);
        node.put("shell", permissions.shell());
        return JSON.writeValueAsString(node);
    }

    static Permissions fromJson(String text) {
        JsonNode node = JSON.readTree(text);
        List<String> network = new ArrayList<>();
        node.path("network").forEach(n -> network.add(n.asString()));
        List<FileGrant> files = new ArrayList<>();
        node.path("filesystem")
                .forEach(f -> files.add(new FileGrant(
                        f.path("path").asString(),
                        Access.valueOf(f.path("mode")
                                .asString()
                                .toUpperCase(Locale.ROOT)
                                .replace('-', '_')))));
        List<String> env = new ArrayList<>();
        node.path("env").forEach(n -> env.add(n.asString()));
        return new Permissions(network, files, env, node.path("shell").asBoolean(false));
    }
}
