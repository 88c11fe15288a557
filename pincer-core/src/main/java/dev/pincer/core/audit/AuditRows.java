package dev.pincer.core.audit;

import dev.pincer.core.store.Store;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps audit events to rows of the {@code audit} table and back. Instants and durations are kept
 * in whole microseconds, kinds and decisions as their labels, costs as exact decimal strings.
 *
 * <p>Stateless.
 */
final class AuditRows {

    private static final String COLUMNS =
            "at, actor, plugin_id, kind, action, target, decision, reason, digest, duration_us, outcome, cost";
    private static final String INSERT =
            "INSERT INTO audit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int NANOS_PER_MICRO = 1_000;

    private AuditRows() {}

    /** Inserts {@code events} on {@code c}, in order, in the caller's transaction. */
    static void insert(Connection c, List<AuditEvent> events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (AuditEvent e : events) {
                s.setLong(1, micros(e.at()));
                s.setString(2, e.actor());
                s.setString(3, e.pluginId());
                s.setString(4, e.kind().label());
                s.setString(5, e.action());
                s.setString(6, e.target());
                s.setString(7, e.decision().label());
                s.setString(8, e.reason());
                s.setString(9, e.digest());
                if (e.duration() == null) {
                    s.setNull(10, Types.INTEGER);
                } else {
                    s.setLong(10, micros(e.duration()));
                }
                s.setString(11, e.outcome());
                s.setString(12, e.cost() == null ? null : e.cost().toPlainString());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Deletes the rows written before {@code before}, in one transaction, and returns how many. */
    static int deleteBefore(Store store, Instant before) {
        return store.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM audit WHERE at < ?")) {
                s.setLong(1, micros(before));
                return s.executeUpdate();
            }
        });
    }

    /** Returns the newest events matching {@code q}, oldest first. */
    static List<AuditEvent> select(Connection c, AuditQuery q) throws SQLException {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> values = new ArrayList<>();
        if (q.pluginId() != null) {
            where.append(" AND plugin_id = ?");
            values.add(q.pluginId());
        }
        if (q.since() != null) {
            where.append(" AND at >= ?");
            values.add(micros(q.since()));
        }
        if (q.kind() != null) {
            where.append(" AND kind = ?");
            values.add(q.kind().label());
        }
        values.add(q.limit());
        String sql = "SELECT " + COLUMNS + " FROM (SELECT id, " + COLUMNS + " FROM audit WHERE " + where
                + " ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(event(r));
                }
            }
            return events;
        }
    }

    /** Returns the sum of the costs of allowed tool calls at or after {@code since}. */
    static BigDecimal spentSince(Connection c, Instant since) throws SQLException {
        String sql = "SELECT cost FROM audit WHERE at >= ? AND kind = ? AND decision = ? AND cost IS NOT NULL";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, micros(since));
            s.setString(2, AuditEvent.Kind.TOOL.label());
            s.setString(3, AuditEvent.Decision.ALLOWED.label());
            BigDecimal sum = BigDecimal.ZERO;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sum = sum.add(new BigDecimal(r.getString(1)));
                }
            }
            return sum;
        }
    }

    /** Returns {@code at} in whole microseconds since the epoch, dropping any finer part. */
    static long micros(Instant at) {
        return Math.addExact(
                Math.multiplyExact(at.getEpochSecond(), MICROS_PER_SECOND), at.getNano() / NANOS_PER_MICRO);
    }

    private static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), MICROS_PER_SECOND), d.getNano() / NANOS_PER_MICRO);
    }

    private static AuditEvent event(ResultSet r) throws SQLException {
        long at = r.getLong("at");
        long durationMicros = r.getLong("duration_us");
        Duration duration = r.wasNull() ? null : Duration.of(durationMicros, ChronoUnit.MICROS);
        String cost = r.getString("cost");
        return new AuditEvent(
                Instant.ofEpochSecond(
                        Math.floorDiv(at, MICROS_PER_SECOND), Math.floorMod(at, MICROS_PER_SECOND) * NANOS_PER_MICRO),
                r.getString("actor"),
                r.getString("plugin_id"),
                AuditEvent.Kind.valueOf(constant(r.getString("kind"))),
                r.getString("action"),
                r.getString("target"),
                AuditEvent.Decision.valueOf(constant(r.getString("decision"))),
                r.getString("reason"),
                r.getString("digest"),
                duration,
                r.getString("outcome"),
                cost == null ? null : new BigDecimal(cost));
    }

    private static String constant(String label) {
        return label.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
