package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SkillsCommandTest {

    @TempDir
    Path tmp;

    private static Path skill(Path root, String name, String extra) {
        return TestHost.write(
                        root.resolve(name).resolve("SKILL.md"),
                        "---\nname: " + name + "\ndescription: the " + name + " skill\n" + extra + "---\nDo it.\n")
                .getParent();
    }

    @Test
    void listShowsSourceEligibilityCommandsAndShadowedCopies() {
        TestHost host = new TestHost(tmp);
        Path bundledCopy = skill(tmp.resolve("skills"), "notes", "");
        Path homeCopy = skill(host.home.resolve("skills"), "notes", "");
        skill(host.home.resolve("skills"), "gh", "metadata: {openclaw: {requires: {bins: [gh-not-installed]}}}\n");
        skill(host.home.resolve("skills"), "quiet", "user-invocable: false\n");

        TestHost.Run text = host.run("skills", "list");
        JsonNode json = host.json("skills", "list", "--json");

        assertThat(text.status()).isZero();
        assertThat(text.out())
                .contains("SKILL  SOURCE  COMMAND  STATUS")
                .contains("gh     home    /gh      needs binary 'gh-not-installed' on PATH")
                .contains("notes  home    /notes   eligible                                 bundled")
                .contains("quiet  home    -        eligible")
                .contains("3 skills: 2 eligible, 1 not eligible on this machine")
                .contains("info [skill.shadowed]")
                .contains("skill 'notes' from home (" + homeCopy + ") shadows the copy from bundled (" + bundledCopy
                        + ")");
        assertThat(json.get("skills")).hasSize(3);
        JsonNode notes = json.get("skills").get(1);
        assertThat(notes.get("name").asString()).isEqualTo("notes");
        assertThat(notes.get("source").asString()).isEqualTo("home");
        assertThat(notes.get("eligible").asBoolean()).isTrue();
        assertThat(notes.get("shadowed").get(0).get("path").asString()).isEqualTo(bundledCopy.toString());
        assertThat(json.get("skills").get(0).get("ineligible").get(0).asString())
                .isEqualTo("needs binary 'gh-not-installed' on PATH");
    }

    @Test
    void workspaceSkillsLoadOnlyOnceTheWorkspaceIsTrusted() {
        TestHost host = new TestHost(tmp);
        skill(host.workspace.resolve(".pincer/skills"), "local", "");

        TestHost.Run untrusted = host.run("skills", "list");
        TestHost.write(host.homeConfig(), "[skills]\ntrusted_workspaces = [\"" + host.workspace + "\"]\n");
        JsonNode trusted = host.json("skills", "list", "--json");

        assertThat(untrusted.out())
                .contains("No skills.")
                .contains("is not trusted")
                .contains(
                        "add \"" + host.workspace + "\" to trusted_workspaces under [skills] in " + host.homeConfig());
        assertThat(trusted.get("skills").get(0).get("source").asString()).isEqualTo("workspace");
    }

    @Test
    void inspectShowsFrontMatterFilesAndGating() {
        TestHost host = new TestHost(tmp);
        Path folder = skill(
                host.home.resolve("skills"),
                "pdf",
                "license: MIT\nallowed-tools: Read Bash\nmetadata: {openclaw: {requires: {env: [PDF_KEY]}}}\n");
        TestHost.write(folder.resolve("scripts/fill.sh"), "echo\n");

        TestHost.Run text = host.run("skills", "inspect", "pdf");
        JsonNode json = host.json("skills", "inspect", "pdf", "--json");

        assertThat(text.status()).isZero();
        assertThat(text.out())
                .contains("pdf\n  the pdf skill\n  status: needs environment variable 'PDF_KEY' set\n")
                .contains("  source: home  " + folder)
                .contains("  license: MIT")
                .contains("  allowed tools: Read Bash")
                .contains("  requires: environment PDF_KEY")
                .contains("  files:\n    SKILL.md\n    scripts/fill.sh");
        assertThat(json.get("frontMatter").get("license").asString()).isEqualTo("MIT");
        assertThat(json.get("requires").get("env").get(0).asString()).isEqualTo("PDF_KEY");
        assertThat(json.get("files")).hasSize(2);
    }

    @Test
    void inspectOfAnUnknownSkillSuggestsTheNearestNameAndFails() {
        TestHost host = new TestHost(tmp);
        skill(host.home.resolve("skills"), "github", "");

        TestHost.Run run = host.run("skills", "inspect", "githb");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("error: no skill is called 'githb'")
                .contains("hint: did you mean 'github'? `pincer skills list` shows every skill");
    }

    @Test
    void inspectOfABrokenSkillSaysWhyItDoesNotLoad() {
        TestHost host = new TestHost(tmp);
        Path file = TestHost.write(host.home.resolve("skills/bad/SKILL.md"), "---\nname: bad\n---\n");

        TestHost.Run run = host.run("skills", "inspect", "bad");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("error: skill 'bad' does not load: " + file
                        + ":3: the front matter has no 'description', which every skill needs");
    }
}
