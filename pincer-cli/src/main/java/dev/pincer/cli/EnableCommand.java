package dev.pincer.cli;

import picocli.CommandLine.Command;

/**
 * {@code pincer plugins enable <id>}.
 *
 * @since 0.1.0
 */
@Command(
        name = "enable",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Enable a plugin in the home config.toml (written atomically).",
            "If the home allowlist does not name it, it is added; a plugin on a deny list is refused."
        })
final class EnableCommand extends SetEnabledCommand {

    @Override
    boolean target() {
        return true;
    }
}
