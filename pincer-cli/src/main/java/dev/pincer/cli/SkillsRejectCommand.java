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
 * {@code pincer skills reject <id>}: drops a proposed skill; its sequence is never proposed again.
 *
 * @since 0.1.0
 */
@Command(
        name = "reject",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Reject a proposed skill: nothing is written, and the same sequence of tool calls is not proposed"
                    + " again.",
            "Exit status 1 when the id names no pending proposal."
        })
final class SkillsRejectCommand implements Callable<Integer> {

    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "ID", description = "The proposal's id, as shown by `pincer skills proposals`.")
    long id;

    @Override
    public Integer call() {
        PincerCommand top = skills.top;
        ProposalBook book = new ProposalBook(top.store(), Clock.systemUTC());
        Proposal p = new ProposalReview(book, top.layout().home().resolve("skills")).reject(id, top.user());
        top.out()
                .println("Rejected proposal " + p.id() + " ('" + p.name() + "'): nothing was written, and Pincer will"
                        + " not propose " + p.steps() + " again.");
        return 0;
    }
}
