package dev.pincer.core.commands;

import dev.pincer.api.command.CommandHandler;
import dev.pincer.api.command.CommandSpec;
import java.util.Objects;

/**
 * Pairs a command Pincer itself provides with its handler, for {@link CommandRegistry}.
 *
 * <p>Built-in handlers are host code: they run on the caller's thread without the guard. Immutable
 * and thread-safe if the handler is.
 *
 * @param spec the command's name, description and arguments, not {@code null}
 * @param handler answers invocations, not {@code null}
 * @since 0.1.0
 */
public record BuiltinCommand(CommandSpec spec, CommandHandler handler) {

    public BuiltinCommand {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
    }
}
