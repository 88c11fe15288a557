package dev.pincer.cli;

import picocli.CommandLine.Command;

/**
 * {@code pincer plugins disable <id>}.
 *
 * @since 0.1.0
 */
@Command(
        name = "disable",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = "Disable a plugin in the home config.toml (written atomically); plugins that depend on"
                + " it are reported.")
final class DisableCommand extends SetEnabledCommand {

    @Override
    boolean target() {
        return false;
    }
}
