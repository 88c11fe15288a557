package dev.pincer.api.channel;

import java.util.Objects;

/**
 * Tells Pincer what a {@link Stage} decided: pass the message on, replace it, or drop it.
 *
 * <p>All implementations are immutable records; their constructors throw {@link
 * NullPointerException} for a missing value and {@link IllegalArgumentException} for a blank reason.
 *
 * @since 0.1.0
 */
public sealed interface StageResult {

    /**
     * Returns the result that passes the message on unchanged.
     *
     * @return the result
     */
    static StageResult pass() {
        return new Pass();
    }

    /**
     * Returns the result that passes a changed message on.
     *
     * @param message the changed message, in the same direction; not {@code null}
     * @return the result
     */
    static StageResult replace(StageMessage message) {
        return new Replace(message);
    }

    /**
     * Returns the result that drops the message; later stages and the agent never see it.
     *
     * @param reason why, for the logs, not blank
     * @return the result
     */
    static StageResult drop(String reason) {
        return new Drop(reason);
    }

    /**
     * Passes the message on unchanged.
     *
     * @since 0.1.0
     */
    record Pass() implements StageResult {}

    /**
     * Passes a changed message on.
     *
     * @param message the changed message, not {@code null}
     * @since 0.1.0
     */
    record Replace(StageMessage message) implements StageResult {

        public Replace {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Drops the message.
     *
     * @param reason why, not blank
     * @since 0.1.0
     */
    record Drop(String reason) implements StageResult {

        public Drop {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("dropping a message needs a reason, but it was blank");
            }
        }
    }
}
