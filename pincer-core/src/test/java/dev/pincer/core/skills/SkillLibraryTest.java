package dev.pincer.core.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.Fixtures;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.SkillSettings;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillLibraryTest {

    @TempDir
    Path dir;

    private HostLayout layout;

    @BeforeEach
    void setUp() {
        layout = new HostLayout(dir.resolve("home"), dir.resolve("ws"), dir.resolve("dist/plugins"), Map.of());
    }

    static Path skill(Path root, String name, String extraFrontMatter) {
        return Fixtures.file(
                        root.resolve(name).resolve("SKILL.md"),
                        "---\nname: " + name + "\ndescription: the " + name + " skill at " + root + "\n"
                                + extraFrontMatter + "---\nDo " + name + ".\n")
                .getParent();
    }

    private SkillLibrary library(SkillSettings settings, SkillFacts facts) {
        return new SkillLibrary(layout, settings, facts, SkillLimits.defaults());
    }

    private SkillLibrary library() {
        return library(SkillSettings.defaults(), SkillFacts.of(Map.of(), "linux"));
    }

    private static SkillSettings trusting(Path workspace) {
        return new SkillSettings(List.of(workspace), false, 3, 3);
    }

    @Test
    void aHigherRootShadowsALowerOneAndEveryShadowingIsReported() {
        Path bundled = skill(dir.resolve("dist/skills"), "notes", "");
        Path home = skill(layout.home().resolve("skills"), "notes", "");
        Path workspace = skill(layout.workspace().resolve(".pincer/skills"), "notes", "");
        Path workspaceSkills = skill(layout.workspace().resolve("skills"), "notes", "");

        SkillSet set = library(trusting(layout.workspace()), SkillFacts.of(Map.of(), "linux"))
                .load();

        EffectiveSkill notes = set.find("notes").orElseThrow();
        assertThat(notes.skill().folder()).isEqualTo(workspace);
        assertThat(notes.skill().source()).isEqualTo(SkillSource.WORKSPACE);
        assertThat(notes.shadowed()).extracting(Skill::folder).containsExactly(workspaceSkills, home, bundled);
        assertThat(set.diagnostics())
                .filteredOn(d -> d.code().equals("skill.shadowed"))
                .extracting(Diagnostic::message)
                .containsExactly(
                        "skill 'notes' from workspace (" + workspace + ") shadows the copy from workspace ("
                                + workspaceSkills + ")",
                        "skill 'notes' from workspace (" + workspace + ") shadows the copy from home (" + home + ")",
                        "skill 'notes' from workspace (" + workspace + ") shadows the copy from bundled (" + bundled
                                + ")");
    }

    @Test
    void skillsOfAnUntrustedWorkspaceAreNotLoadedAndTheFindingSaysHowToTrustIt() {
        skill(layout.workspace().resolve("skills"), "evil", "");
        skill(layout.home().resolve("skills"), "notes", "");

        SkillSet set = library().load();

        assertThat(set.names()).containsExactly("notes");
        assertThat(set.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("skill.untrusted-workspace");
            assertThat(d.message())
                    .isEqualTo(layout.workspace().resolve("skills") + " holds 1 skill, which are not loaded because"
                            + " workspace " + layout.workspace() + " is not trusted");
            assertThat(d.hint())
                    .isEqualTo("to load them, add \"" + layout.workspace()
                            + "\" to trusted_workspaces under [skills] in " + layout.homeConfig());
        });
        assertThat(set.roots()).filteredOn(r -> !r.loaded()).hasSize(2);
    }

    @Test
    void gatingByBinaryEnvAndOsSaysWhyASkillIsNotEligible() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path gh = Files.writeString(bin.resolve("gh"), "#!/bin/sh\n");
        gh.toFile().setExecutable(true);
        Path root = layout.home().resolve("skills");
        skill(root, "github", "metadata: {\"openclaw\": {\"requires\": {\"bins\": [\"gh\"]}}}\n");
        skill(
                root,
                "jira",
                "metadata: {\"openclaw\": {\"requires\": {\"bins\": [\"jira\"], \"env\": [\"JIRA_TOKEN\"]}}}\n");
        skill(
                root,
                "mac",
                "metadata:\n  openclaw:\n    os: [darwin]\n    always: true\n    requires: {bins: [nope]}\n");
        skill(root, "keyed", "metadata: {\"pincer\": {\"requires\": {\"env\": [\"KEY\"]}}}\n");

        SkillSet set = library(
                        SkillSettings.defaults(),
                        SkillFacts.of(Map.of("PATH", bin.toString(), "KEY", "secret"), "Linux"))
                .load();

        assertThat(set.find("github").orElseThrow().eligible()).isTrue();
        assertThat(set.find("keyed").orElseThrow().eligible()).isTrue();
        assertThat(set.find("jira").orElseThrow().ineligible())
                .containsExactly("needs binary 'jira' on PATH", "needs environment variable 'JIRA_TOKEN' set");
        assertThat(set.find("mac").orElseThrow().status()).isEqualTo("runs only on darwin, not on linux");
        assertThat(set.eligible()).extracting(EffectiveSkill::name).containsExactly("github", "keyed");
    }

    @Test
    void aHugeSkillFileIsAnErrorAndTheOthersLoad() {
        Path root = layout.home().resolve("skills");
        Fixtures.file(
                root.resolve("huge/SKILL.md"),
                "---\nname: huge\ndescription: d\n---\n"
                        + "x".repeat(SkillLimits.defaults().maxSkillFileBytes()));
        skill(root, "small", "");

        SkillSet set = library().load();

        assertThat(set.names()).containsExactly("small");
        assertThat(set.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("skill.too-large");
            assertThat(d.message())
                    .isEqualTo(root.resolve("huge/SKILL.md") + " has more than 262144 bytes; a SKILL.md may have at"
                            + " most 262144, so the skill is not loaded");
        });
    }

    @Test
    void deepNestingAndManyFilesAreCutAtTheLimitsWithAFinding() {
        Path folder = skill(layout.home().resolve("skills"), "deep", "");
        Fixtures.file(folder.resolve("a/b/c/d/e/f/g/h.txt"), "deep");
        Fixtures.file(folder.resolve("scripts/run.sh"), "echo");
        for (int i = 0; i < 5; i++) {
            Fixtures.file(folder.resolve("references/r" + i + ".md"), "ref");
        }
        SkillLibrary small = new SkillLibrary(
                layout,
                SkillSettings.defaults(),
                SkillFacts.of(Map.of(), "linux"),
                new SkillLimits(4096, 2, 9, 1024, 10));

        SkillSet set = small.load();

        Skill deep = set.find("deep").orElseThrow().skill();
        // Folders count too: SKILL.md, a, a/b, a/b/c, references and four of its files make nine.
        assertThat(deep.files())
                .containsExactly(
                        "SKILL.md", "references/r0.md", "references/r1.md", "references/r2.md", "references/r3.md");
        assertThat(deep.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly(
                        "skill 'deep': folder 'a/b/c' is nested 3 levels deep, more than the limit of 2; its contents"
                                + " are not served",
                        "skill 'deep' has more than 9 files and folders; only the first 9 in name order are served");
    }

    @Test
    void symbolicLinksAreNotFollowedInARootNorInASkill() throws IOException {
        Path outside = skill(dir.resolve("outside"), "secret", "");
        Path root = layout.home().resolve("skills");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("secret"), outside);
        Path folder = skill(root, "notes", "");
        Files.createSymbolicLink(folder.resolve("passwd"), Path.of("/etc/passwd"));

        SkillSet set = library().load();

        assertThat(set.names()).containsExactly("notes");
        assertThat(set.find("notes").orElseThrow().skill().files()).containsExactly("SKILL.md");
        assertThat(set.diagnostics()).extracting(Diagnostic::code).containsExactly("skill.symlink", "skill.symlink");
        assertThatThrownBy(() -> SkillFiles.read(folder, "passwd", 1000))
                .isInstanceOf(PincerException.class)
                .hasMessage("cannot serve 'passwd' of the skill in " + folder
                        + ": 'passwd' is a symbolic link, which is not followed");
        assertThatThrownBy(() -> SkillFiles.read(folder, "../../../etc/passwd", 1000))
                .hasMessageContaining("'.', '..' and empty segments are not allowed");
    }

    @Test
    void twoCopiesInOneRootAreAWarningAndTheFirstFolderWins() {
        Path root = layout.home().resolve("skills");
        Path first = skill(root, "a-notes", "").resolveSibling("a-notes");
        Fixtures.file(first.resolve("SKILL.md"), "---\nname: notes\ndescription: first\n---\n");
        Fixtures.file(root.resolve("b-notes/SKILL.md"), "---\nname: notes\ndescription: second\n---\n");

        SkillSet set = library().load();

        assertThat(set.find("notes").orElseThrow().skill().document().description())
                .isEqualTo("first");
        assertThat(set.diagnostics())
                .extracting(Diagnostic::code)
                .containsExactly("skill.name-mismatch", "skill.name-mismatch", "skill.duplicate");
    }
}
