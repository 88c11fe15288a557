package dev.pincer.api.hook;

import java.time.Instant;
import java.util.Objects;

/**
 * Reports an agent session starting or ending.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value.
 *
 * @param sessionId the session, not {@code null}
 * @param channelId the channel the session belongs to, or {@code null} for sessions without one
 * @param occurredAt when it happened, not {@code null}
 * @since 0.1.0
 */
public record SessionEvent(String sessionId, String channelId, Instant occurredAt) {

    public SessionEvent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
