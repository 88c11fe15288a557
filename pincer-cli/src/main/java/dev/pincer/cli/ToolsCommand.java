package dev.pincer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
final class ToolsCommand implements Runnable {

    @ParentCommand
    PincerCommand top;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: say what to do, e.g. `pincer tools list`");
    }
}
