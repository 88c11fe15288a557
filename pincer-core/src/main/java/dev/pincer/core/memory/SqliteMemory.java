package dev.pincer.core.memory;

import dev.pincer.api.memory.MemoryBackend;
import dev.pincer.api.memory.MemoryHit;
import dev.pincer.api.memory.MemoryRecord;
import dev.pincer.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pincer's built-in memory backend, {@value #ID}: records in the {@code memories} table of {@code
 * pincer.db} and an FTS5 full-text index over their text, kept in step by triggers in the same
 * transaction.
 *
 * <p>Search is keyword search ranked by bm25; a hit's score is the negated bm25 value, so higher is
 * more relevant. Free text is made into a safe FTS5 query (see {@link FtsQuery}): any word
 * matches, and a query with no word has no hits. The {@code unicode61} tokenizer folds case and
 * removes diacritics, so {@code café} and {@code cafe} find each other. Records are shared between
 * sessions; the session id is kept as where a record came from. Creation times are kept to the
 * millisecond.
 *
 * <p>Thread-safe: writes take turns in the store, searches run side by side.
 *
 * @since 0.1.0
 */
public final class SqliteMemory implements MemoryBackend {

    /** The backend's id. */
    public static final String ID = "sqlite";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};
    private static final String COLUMNS = "m.id, m.session_id, m.text, m.metadata, m.created_at";

    private final Store store;

    /** Creates the backend over {@code store}, whose schema holds the memories table. */
    public SqliteMemory(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Stores {@code record}, replacing the record with the same id (text, session, metadata and
     * time), in one transaction with its index entry.
     *
     * @throws IllegalArgumentException if the record is over one of the {@link MemoryLimits}
     * @throws dev.pincer.core.diagnostics.PincerException {@code store.write} if SQLite fails
     */
    @Override
    public void store(MemoryRecord record) {
        MemoryLimits.check(record);
        String metadata = JSON.writeValueAsString(new TreeMap<>(record.metadata()));
        store.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO memories (id, session_id, text, metadata, created_at) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id,"
                            + " text = excluded.text, metadata = excluded.metadata,"
                            + " created_at = excluded.created_at")) {
                upsert.setString(1, record.id());
                upsert.setString(2, record.sessionId());
                upsert.setString(3, record.text());
                upsert.setString(4, metadata);
                upsert.setLong(5, record.createdAt().toEpochMilli());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.pincer.core.diagnostics.PincerException {@code store.read} if SQLite fails
     */
    @Override
    public Optional<MemoryRecord> retrieve(String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        return store.read(c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM memories m WHERE m.id = ?")) {
                select.setString(1, recordId);
                try (ResultSet r = select.executeQuery()) {
                    return r.next() ? Optional.of(record(r)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Returns the records that hold any word of {@code query}, best first by bm25; {@code limit}
     * is brought into 1 to {@value MemoryLimits#MAX_HITS}. A query without words has no hits.
     *
     * @throws dev.pincer.core.diagnostics.PincerException {@code store.read} if SQLite fails
     */
    @Override
    public List<MemoryHit> search(String query, int limit) {
        Optional<String> match = FtsQuery.of(Objects.requireNonNull(query, "query"));
        if (match.isEmpty()) {
            return List.of();
        }
        return store.read(c -> search(c, match.get(), MemoryLimits.clampHits(limit)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.pincer.core.diagnostics.PincerException {@code store.write} if SQLite fails
     */
    @Override
    public boolean delete(String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        return store.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM memories WHERE id = ?")) {
                delete.setString(1, recordId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public String toString() {
        return "SqliteMemory[" + store.file() + "]";
    }

    private static List<MemoryHit> search(Connection c, String match, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + ", bm25(memories_fts) AS bm"
                + " FROM memories_fts JOIN memories m ON m.seq = memories_fts.rowid"
                + " WHERE memories_fts MATCH ? ORDER BY bm, m.created_at DESC, m.seq DESC LIMIT ?")) {
            select.setString(1, match);
            select.setInt(2, limit);
            List<MemoryHit> hits = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    hits.add(new MemoryHit(record(r), -r.getDouble("bm")));
                }
            }
            return hits;
        }
    }

    private static MemoryRecord record(ResultSet r) throws SQLException {
        return new MemoryRecord(
                r.getString("id"),
                r.getString("session_id"),
                r.getString("text"),
                JSON.readValue(r.getString("metadata"), METADATA),
                Instant.ofEpochMilli(r.getLong("created_at")));
    }
}
