package dev.pincer.core.audit;

import java.time.Instant;

/**
 * Selects audit events: the newest {@code limit} that match every filter given.
 *
 * <p>Immutable.
 *
 * @param pluginId only events of this plugin, or {@code null} for all
 * @param since only events at or after this instant, or {@code null} for all
 * @param kind only events of this kind, or {@code null} for all
 * @param limit at most this many events, at least 1
 * @since 0.1.0
 */
public record AuditQuery(String pluginId, Instant since, AuditEvent.Kind kind, int limit) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("audit query limit must be at least 1, was " + limit);
        }
    }

    /** Returns a query for the newest {@code limit} events of any plugin and kind. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, limit);
    }
}
