package dev.pincer.api.command;

import java.util.Objects;

/**
 * Carries one use of a slash command: which command, its arguments, and where it was typed.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param name the command's name without the slash
 * @param args the text after the command name, stripped; empty when there is none
 * @param channelId the channel the command was typed in, not blank
 * @param sessionId the session the command belongs to, or {@code null} outside a session
 * @since 0.1.0
 */
public record CommandInvocation(String name, String args, String channelId, String sessionId) {

    public CommandInvocation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(channelId, "channelId");
        if (channelId.isBlank()) {
            throw new IllegalArgumentException("channelId of /" + name + " must not be blank");
        }
    }

    /**
     * Returns whether the user typed anything after the command name.
     *
     * @return {@code true} if {@link #args()} is not blank
     */
    public boolean hasArgs() {
        return !args.isBlank();
    }
}
