/**
 * Slash commands: the {@link dev.pincer.core.commands.CommandRegistry} that holds built-in and
 * plugin commands, refuses names already taken, writes the help text, and dispatches what a user
 * typed to the command's handler through the guard. May use {@code hooks}, {@code lifecycle} and
 * the packages above them.
 *
 * @since 0.1.0
 */
package dev.pincer.core.commands;
