package dev.pincer.cli;

import picocli.CommandLine.Command;

/**
 * The {@code pincer skills} group; on its own it asks for a subcommand.
 *
 * @since 0.1.0
 */
@Command(
        name = "skills",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = "List and inspect Agent Skills, and review proposed skills.",
        subcommands = {
            SkillsListCommand.class,
            SkillsInspectCommand.class,
            SkillsProposalsCommand.class,
            SkillsApproveCommand.class,
            SkillsRejectCommand.class
        })
final class SkillsCommand extends CommandGroup {}
