package dev.pincer.core.commands;

import dev.pincer.api.command.CommandSpec;
import java.util.Objects;

/**
 * Describes one command in a {@link CommandRegistry}: what it is and who owns it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec the command's name, description and arguments, not {@code null}
 * @param pluginId the plugin that registered it, or {@code null} for a command built into Pincer
 * @since 0.1.0
 */
public record RegisteredCommand(CommandSpec spec, String pluginId) {

    public RegisteredCommand {
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * Returns whether Pincer itself provides the command.
     *
     * @return {@code true} if no plugin owns it
     */
    public boolean builtIn() {
        return pluginId == null;
    }

    /**
     * Returns how messages name the owner: {@code plugin 'weather'} or {@code Pincer (built-in)}.
     *
     * @return the owner's description
     */
    public String owner() {
        return builtIn() ? "Pincer (built-in)" : "plugin '" + pluginId + "'";
    }

    /**
     * Returns how help shows the command's use, such as {@code /weather <city>}.
     *
     * @return the synopsis
     */
    public String synopsis() {
        if (!spec.acceptsArgs()) {
            return "/" + spec.name();
        }
        return "/" + spec.name() + " " + (spec.argumentHint() == null ? "<args>" : spec.argumentHint());
    }
}
