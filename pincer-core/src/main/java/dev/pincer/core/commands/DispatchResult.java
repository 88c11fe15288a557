package dev.pincer.core.commands;

import java.util.Objects;
import java.util.Optional;

/**
 * Says what became of a line a user typed: not a command, a reply, no reply, or an error to show.
 *
 * <p>Implementations are immutable records. In all of them {@code pluginId} is the plugin that
 * owns the command, or {@code null} for a built-in or unknown command.
 *
 * @since 0.1.0
 */
public sealed interface DispatchResult {

    /**
     * Returns the text to show the user, if any: the reply or the error message.
     *
     * @return the text, or empty for {@link NotACommand} and {@link NoReply}
     */
    default Optional<String> userText() {
        if (this instanceof Replied replied) {
            return Optional.of(replied.text());
        }
        if (this instanceof Failed failed) {
            return Optional.of(failed.message());
        }
        return Optional.empty();
    }

    /**
     * The line is not a slash command; the caller treats it as an agent turn.
     *
     * @param line the line as typed
     * @since 0.1.0
     */
    record NotACommand(String line) implements DispatchResult {
        public NotACommand {
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * The command ran and replied.
     *
     * @param command the command's name
     * @param pluginId the owning plugin, or {@code null} for a built-in
     * @param text the reply
     * @since 0.1.0
     */
    record Replied(String command, String pluginId, String text) implements DispatchResult {
        public Replied {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The command ran and had nothing to say.
     *
     * @param command the command's name
     * @param pluginId the owning plugin, or {@code null} for a built-in
     * @since 0.1.0
     */
    record NoReply(String command, String pluginId) implements DispatchResult {
        public NoReply {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * The command is unknown, was used wrongly, failed or timed out.
     *
     * @param command the command's name as typed
     * @param pluginId the owning plugin, or {@code null} for a built-in or unknown command
     * @param message what went wrong and what to do, for the user
     * @since 0.1.0
     */
    record Failed(String command, String pluginId, String message) implements DispatchResult {
        public Failed {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(message, "message");
        }
    }
}
