package dev.pincer.cli;

import dev.pincer.core.skills.proposals.Proposal;
import dev.pincer.core.skills.proposals.ProposalBook;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pincer skills proposals}: the skills Pincer proposed from repeated sequences of tool
 * calls, which wait for a person's approval and are not loaded until then.
 *
 * @since 0.1.0
 */
@Command(
        name = "proposals",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "List the skills Pincer proposed from repeated sequences of tool calls, oldest first.",
            "A pending proposal is kept in pincer.db only and is not loaded until approved with"
                    + " `pincer skills approve <id>`.",
            "Proposals are off unless [skills.proposals] enabled = true in $PINCER_HOME/config.toml."
        })
final class SkillsProposalsCommand implements Callable<Integer> {

    @ParentCommand
    SkillsCommand skills;

    @Option(names = "--all", description = "Also list approved and rejected proposals.")
    boolean all;

    @Option(
            names = "--json",
            description = "Print a JSON array of objects (id, name, state, sequence, seen, actor, proposedAt,"
                    + " decidedAt, decidedBy, skillMd).")
    boolean json;

    @Override
    public Integer call() {
        PincerCommand top = skills.top;
        PrintWriter out = top.out();
        List<Proposal> proposals = List.of();
        if (Files.exists(top.storeFile())) {
            ProposalBook book = new ProposalBook(top.store(), Clock.systemUTC());
            proposals = all ? book.all() : book.pending();
        }
        if (json) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            proposals.forEach(p -> array.add(view(p)));
            out.println(Views.write(array));
            return 0;
        }
        if (proposals.isEmpty()) {
            out.println(all ? "No skill proposals." : "No pending skill proposals.");
            if (!top.scan().config().skills().proposals()) {
                out.println("Skill proposals are off; to turn them on, add [skills.proposals] with enabled = true to "
                        + top.layout().homeConfig() + ".");
            }
            return 0;
        }
        Table table = new Table(List.of("ID", "STATE", "NAME", "SEEN", "PROPOSED", "SEQUENCE"), 10, 8, 64, 6, 24, 160);
        for (Proposal p : proposals) {
            table.add(
                    Long.toString(p.id()),
                    p.state().label(),
                    p.name(),
                    Integer.toString(p.seen()),
                    p.created().toString(),
                    p.steps());
        }
        table.print(out);
        if (proposals.stream().anyMatch(p -> p.state() == Proposal.State.PENDING)) {
            out.println();
            out.println("Read a proposed SKILL.md with `pincer skills proposals --json`; then"
                    + " `pincer skills approve <id>` installs it in "
                    + top.layout().home().resolve("skills")
                    + ", and `pincer skills reject <id>` drops it.");
        }
        return 0;
    }

    private static ObjectNode view(Proposal p) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", p.id());
        node.put("name", p.name());
        node.put("state", p.state().label());
        ArrayNode sequence = node.putArray("sequence");
        p.sequence().forEach(sequence::add);
        node.put("seen", p.seen());
        node.put("actor", p.actor());
        node.put("proposedAt", p.created().toString());
        node.put("decidedAt", text(p.decidedAt()));
        node.put("decidedBy", p.decidedBy());
        node.put("skillMd", p.skillMd());
        return node;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
