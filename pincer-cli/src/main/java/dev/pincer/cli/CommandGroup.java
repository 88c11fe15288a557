package dev.pincer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code pincer plugins}, {@code pincer tools}): run on
 * its own, it is a usage error that names an example.
 *
 * <p>Not thread-safe; one per command-line run.
 */
abstract class CommandGroup implements Runnable {

    @ParentCommand
    PincerCommand top;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: say what to do, e.g. `pincer " + spec.name() + " list`");
    }
}
