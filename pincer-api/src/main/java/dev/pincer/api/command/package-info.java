/**
 * Slash commands: short instructions a user types in a channel, such as {@code /status}.
 *
 * <p>A plugin registers a {@link dev.pincer.api.command.CommandSpec} with a {@link
 * dev.pincer.api.command.CommandHandler}; Pincer answers commands before any agent turn, so a
 * command never costs a model call.
 *
 * @since 0.1.0
 */
package dev.pincer.api.command;
