package dev.pincer.cli;

import picocli.CommandLine.Command;

/**
 * The {@code pincer plugins} group; on its own it asks for a subcommand.
 *
 * @since 0.1.0
 */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description =
                "Find, install, update, remove, explain, check, test, enable, disable, approve and create plugins.",
        subcommands = {
            ListCommand.class,
            InspectCommand.class,
            DoctorCommand.class,
            EnableCommand.class,
            DisableCommand.class,
            ApproveCommand.class,
            RevokeCommand.class,
            ReloadCommand.class,
            CreateCommand.class,
            InstallCommand.class,
            UpdateCommand.class,
            UninstallCommand.class,
            SearchCommand.class,
            PluginTestCommand.class
        })
final class PluginsCommand extends CommandGroup {}
