package dev.pincer.core.skills.proposals;

import dev.pincer.core.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a caller's earlier successful tool calls from the audit log's table, so a sequence
 * repeated across short-lived processes (each {@code pincer tools call} is one) is still found.
 *
 * <p>Reads the columns the store's first schema step defined for the {@code audit} table: {@code
 * at} in microseconds since the epoch, {@code actor}, {@code kind}, {@code action} (the tool
 * name), {@code decision} and {@code outcome}. Thread-safe, as the store is.
 */
final class CallHistory {

    private static final String SELECT = "SELECT at, action FROM audit WHERE actor = ? AND kind = 'tool'"
            + " AND decision = 'allowed' AND outcome = 'completed' ORDER BY id DESC LIMIT ?";
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private final Store store;

    CallHistory(Store store) {
        this.store = store;
    }

    /** Returns at most the last {@code limit} successful tool calls of {@code actor}, oldest first. */
    List<SequenceDetector.Call> recent(String actor, int limit) {
        return store.read(c -> {
            List<SequenceDetector.Call> calls = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT)) {
                s.setString(1, actor);
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        calls.add(new SequenceDetector.Call(r.getString("action"), instant(r.getLong("at"))));
                    }
                }
            }
            Collections.reverse(calls);
            return calls;
        });
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
    }
}
