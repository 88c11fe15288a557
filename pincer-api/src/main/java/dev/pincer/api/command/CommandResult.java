package dev.pincer.api.command;

import java.util.Objects;

/**
 * Carries a slash command's reply to the user, or the absence of one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the reply, or {@code null} when the command replies nothing
 * @since 0.1.0
 */
public record CommandResult(String text) {

    /**
     * Returns a result that replies with the given text.
     *
     * @param text the reply, not {@code null}
     * @return the result
     */
    public static CommandResult reply(String text) {
        return new CommandResult(Objects.requireNonNull(text, "text"));
    }

    /**
     * Returns a result with no reply.
     *
     * @return the result
     */
    public static CommandResult none() {
        return new CommandResult(null);
    }

    /**
     * Returns whether there is a reply to send.
     *
     * @return {@code true} if {@link #text()} is not {@code null}
     */
    public boolean hasReply() {
        return text != null;
    }
}
