package dev.pincer.cli;

import picocli.CommandLine.Command;

/**
 * The {@code pincer tools} group; on its own it asks for a subcommand.
 *
 * @since 0.1.0
 */
@Command(
        name = "tools",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = "List and call the tools of active plugins.",
        subcommands = {ToolsListCommand.class, ToolsCallCommand.class})
final class ToolsCommand extends CommandGroup {}
