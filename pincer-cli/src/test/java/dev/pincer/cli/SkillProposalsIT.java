package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Skill proposals end to end: real tool calls of the example JVM plugin (examples/jvm-hello),
 * each through its own {@code pincer tools call} run, become a pending proposal that is not in
 * {@code $PINCER_HOME/skills} until a person approves it.
 */
class SkillProposalsIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));
    private static final String PLUGINS = "[plugins]\npaths = [\"" + EXAMPLE + "\"]\n";
    private static final String ENABLED = PLUGINS + "[skills.proposals]\nenabled = true\nlength = 2\nrepeats = 2\n";

    @TempDir
    Path dir;

    private TestHost host;

    @BeforeEach
    void setUp() {
        assertThat(EXAMPLE.resolve("pincer-plugin.json"))
                .as("the reactor builds examples/jvm-hello first")
                .exists();
        host = new TestHost(dir);
    }

    private TestHost.Run greetThenReset(String name) {
        TestHost.Run greet = host.run("tools", "call", "greet", "--args", "{\"name\": \"" + name + "\"}");
        assertThat(greet.status()).as(greet.toString()).isZero();
        TestHost.Run reset = host.run("tools", "call", "reset", "--confirm");
        assertThat(reset.status()).as(reset.toString()).isZero();
        return reset;
    }

    private Path skills() {
        return host.home.resolve("skills");
    }

    @Test
    void repeatedCallsBecomeAPendingProposalThatIsInstalledOnlyOnApproval() throws Exception {
        TestHost.write(host.homeConfig(), ENABLED);

        assertThat(greetThenReset("Ada").err()).isEmpty();
        TestHost.Run second = greetThenReset("Bo");

        assertThat(second.err())
                .isEqualTo("note: the tool calls greet → reset were repeated 2 times, so Pincer proposed the skill"
                        + " 'greet-reset' (proposal 1). It is not loaded until a person approves it:"
                        + " `pincer skills approve 1`, or `pincer skills reject 1`.\n");
        assertThat(skills()).doesNotExist();

        JsonNode pending = host.json("skills", "proposals", "--json");
        assertThat(pending).hasSize(1);
        JsonNode proposal = pending.get(0);
        assertThat(proposal.get("id").asLong()).isEqualTo(1);
        assertThat(proposal.get("name").asString()).isEqualTo("greet-reset");
        assertThat(proposal.get("state").asString()).isEqualTo("pending");
        assertThat(proposal.get("sequence").toString()).isEqualTo("[\"greet\",\"reset\"]");
        assertThat(proposal.get("seen").asInt()).isEqualTo(2);
        assertThat(proposal.get("actor").asString()).isEqualTo("cli:unknown user");
        assertThat(proposal.get("decidedAt").isNull()).isTrue();
        String skillMd = proposal.get("skillMd").asString();
        assertThat(skillMd).startsWith("---\nname: \"greet-reset\"\n");
        TestHost.Run table = host.run("skills", "proposals");
        assertThat(table.out())
                .startsWith("ID  STATE    NAME         SEEN  PROPOSED")
                .containsPattern("\n1   pending  greet-reset  2     \\S+Z +greet → reset\n")
                .contains("`pincer skills approve <id>` installs it in " + skills());

        TestHost.Run approve = host.run("skills", "approve", "1");

        Path file = skills().resolve("greet-reset").resolve("SKILL.md");
        assertThat(approve.status()).as(approve.toString()).isZero();
        assertThat(approve.out())
                .isEqualTo("Approved proposal 1: wrote " + file
                        + ". The skill 'greet-reset' (greet → reset) loads from " + skills() + " from now on.\n");
        assertThat(Files.readString(file)).isEqualTo(skillMd);
        assertThat(host.run("skills", "proposals").out()).startsWith("No pending skill proposals.\n");
        JsonNode all = host.json("skills", "proposals", "--all", "--json");
        assertThat(all.get(0).get("state").asString()).isEqualTo("approved");
        assertThat(all.get(0).get("decidedBy").asString()).isEqualTo("unknown user");
        TestHost.Run again = host.run("skills", "approve", "1");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err())
                .startsWith("error: proposal 1 ('greet-reset') was already approved by unknown user at ");
        assertThat(host.run("audit", "--kind", "approval").out()).contains("approve-skill", "greet-reset (proposal 1)");
    }

    @Test
    void aRejectedProposalIsNeverWrittenNorProposedAgain() {
        TestHost.write(host.homeConfig(), ENABLED);
        greetThenReset("Ada");
        greetThenReset("Bo");
        Path theirs = skills().resolve("greet-reset");
        TestHost.write(theirs.resolve("SKILL.md"), "someone else's skill");

        TestHost.Run refused = host.run("skills", "approve", "1");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err())
                .isEqualTo("error: cannot approve proposal 1: the skill folder " + theirs + " already exists, and"
                        + " Pincer does not overwrite a skill; nothing was written and the proposal is still pending\n"
                        + "  hint: move or remove that folder and approve again, or reject the proposal with"
                        + " `pincer skills reject 1`\n");
        assertThat(TestHost.read(theirs.resolve("SKILL.md"))).isEqualTo("someone else's skill");

        TestHost.Run reject = host.run("skills", "reject", "1");

        assertThat(reject.status()).as(reject.toString()).isZero();
        assertThat(reject.out())
                .isEqualTo("Rejected proposal 1 ('greet-reset'): nothing was written, and Pincer will not propose"
                        + " greet → reset again.\n");
        greetThenReset("Cy");
        assertThat(greetThenReset("Di").err()).isEmpty();
        assertThat(host.json("skills", "proposals", "--all", "--json")).hasSize(1);
        assertThat(host.json("skills", "proposals", "--json")).isEmpty();
    }

    @Test
    void unknownIdsSayWhatExists() {
        TestHost.write(host.homeConfig(), ENABLED);
        greetThenReset("Ada");
        greetThenReset("Bo");

        TestHost.Run unknown = host.run("skills", "reject", "7");
        TestHost.Run notANumber = host.run("skills", "approve", "greet-reset");

        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err())
                .isEqualTo("error: no skill proposal has the id 7; pending: 1 (greet-reset)\n"
                        + "  hint: `pincer skills proposals --all` lists every proposal with its id\n");
        assertThat(notANumber.status()).isEqualTo(2);
        assertThat(notANumber.err()).contains("'greet-reset'");
    }

    @Test
    void proposalsAreOffUnlessConfigured() {
        TestHost.write(host.homeConfig(), PLUGINS);
        greetThenReset("Ada");
        greetThenReset("Bo");
        TestHost.Run last = greetThenReset("Cy");

        assertThat(last.err()).isEmpty();
        assertThat(host.json("skills", "proposals", "--all", "--json")).isEmpty();
        assertThat(host.run("skills", "proposals").out())
                .isEqualTo("No pending skill proposals.\nSkill proposals are off; to turn them on, add"
                        + " [skills.proposals] with enabled = true to " + host.homeConfig() + ".\n");
        assertThat(skills()).doesNotExist();
    }
}
