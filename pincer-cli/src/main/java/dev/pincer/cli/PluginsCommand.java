package dev.pincer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The {@code pincer plugins} group; on its own it asks for a subcommand.
 *
 * @since 0.1.0
 */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = "Find, explain, check, enable and disable plugins.",
        subcommands = {
            ListCommand.class,
            InspectCommand.class,
            DoctorCommand.class,
            EnableCommand.class,
            DisableCommand.class
        })
final class PluginsCommand implements Runnable {

    @ParentCommand
    PincerCommand top;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: say what to do, e.g. `pincer plugins list`");
    }
}
