package dev.pincer.api.hook;

import java.time.Duration;
import java.util.Objects;

/**
 * Reports an agent turn having ended, with its reply or the error that ended it.
 *
 * <p>Exactly one of {@code reply} and {@code error} is set. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param sessionId the agent session, or {@code null} outside a session
 * @param reply the agent's final reply, or {@code null} if the turn failed
 * @param error what ended the turn, or {@code null} if it succeeded
 * @param duration how long the turn took, not negative
 * @since 0.1.0
 */
public record AgentEndEvent(String sessionId, String reply, String error, Duration duration) {

    public AgentEndEvent {
        Objects.requireNonNull(duration, "duration");
        if ((reply == null) == (error == null)) {
            throw new IllegalArgumentException("an ended turn needs exactly one of reply and error, but "
                    + (reply == null ? "neither was" : "both were") + " set");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, but was " + duration);
        }
    }

    /**
     * Returns whether the turn ended with a reply.
     *
     * @return {@code true} if {@link #reply()} is set
     */
    public boolean succeeded() {
        return reply != null;
    }
}
