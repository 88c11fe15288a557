package dev.pincer.api.command;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes a slash command: its name, what it does, and the arguments it takes.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param name the command's name without the slash: a lowercase letter, then up to 31 lowercase
 *     letters, digits, {@code _} or {@code -}
 * @param description what the command does, for help listings; may be empty
 * @param argumentHint how to write the arguments, such as {@code "<city>"}, or {@code null}; only
 *     for commands that accept arguments
 * @param acceptsArgs whether text after the command name is passed to the handler
 * @since 0.1.0
 */
public record CommandSpec(String name, String description, String argumentHint, boolean acceptsArgs) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("command name must be a lowercase letter followed by up to 31"
                    + " lowercase letters, digits, '_' or '-', but was: \"" + name + "\"");
        }
        if (argumentHint != null && !acceptsArgs) {
            throw new IllegalArgumentException("command \"" + name + "\" has argumentHint \"" + argumentHint
                    + "\" but acceptsArgs is false; drop the hint or accept arguments");
        }
    }

    /**
     * Returns a command that takes no arguments.
     *
     * @param name the command's name
     * @param description what the command does
     * @return the command description
     */
    public static CommandSpec noArgs(String name, String description) {
        return new CommandSpec(name, description, null, false);
    }

    /**
     * Returns a command that takes arguments.
     *
     * @param name the command's name
     * @param description what the command does
     * @param argumentHint how to write the arguments, or {@code null}
     * @return the command description
     */
    public static CommandSpec withArgs(String name, String description, String argumentHint) {
        return new CommandSpec(name, description, argumentHint, true);
    }
}
