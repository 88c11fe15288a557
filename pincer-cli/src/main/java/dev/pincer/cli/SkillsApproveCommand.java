package dev.pincer.cli;

import dev.pincer.core.skills.proposals.Proposal;
import dev.pincer.core.skills.proposals.ProposalBook;
import dev.pincer.core.skills.proposals.ProposalReview;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer skills approve <id>}: installs a proposed skill in {@code $PINCER_HOME/skills},
 * where it loads from then on.
 *
 * @since 0.1.0
 */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Approve a proposed skill: write its SKILL.md to $PINCER_HOME/skills/<name>/, where it loads from then on.",
            "Never overwrites: if that skill folder exists, nothing is written and the proposal stays pending.",
            "Exit status 1 when the id names no pending proposal or the skill cannot be written."
        })
final class SkillsApproveCommand implements Callable<Integer> {

    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "ID", description = "The proposal's id, as shown by `pincer skills proposals`.")
    long id;

    @Override
    public Integer call() {
        PincerCommand top = skills.top;
        ProposalBook book = new ProposalBook(top.store(), Clock.systemUTC());
        ProposalReview.Approved approved =
                new ProposalReview(book, top.layout().home().resolve("skills")).approve(id, top.user());
        Proposal p = approved.proposal();
        top.out()
                .println("Approved proposal " + p.id() + ": wrote " + approved.file() + ". The skill '" + p.name()
                        + "' (" + p.steps() + ") loads from "
                        + approved.file().getParent().getParent()
                        + " from now on.");
        return 0;
    }
}
