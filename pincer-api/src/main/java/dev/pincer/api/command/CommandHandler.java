package dev.pincer.api.command;

/**
 * Answers invocations of one slash command.
 *
 * <p>Pincer calls handlers concurrently, so implementations must be thread-safe. Calls go through
 * the host's guard: a thrown {@link dev.pincer.api.PluginException} is shown to the user with its
 * message, any other exception as an internal error of the plugin.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * Runs the command.
     *
     * @param invocation what the user typed and where
     * @return the reply, or {@link CommandResult#none()}; never {@code null}
     * @throws Exception if the command fails
     */
    CommandResult handle(CommandInvocation invocation) throws Exception;
}
