package dev.pincer.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.Content;
import dev.pincer.core.Fixtures;
import dev.pincer.core.commands.DispatchResult;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.SkillSettings;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.skills.EffectiveSkill;
import dev.pincer.core.skills.SkillFacts;
import dev.pincer.core.skills.SkillLibrary;
import dev.pincer.core.skills.SkillLimits;
import dev.pincer.core.skills.SkillPrompt;
import dev.pincer.core.skills.SkillSet;
import dev.pincer.core.skills.SkillSource;
import dev.pincer.core.skills.SkillsRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSkillsTest {

    @TempDir
    Path dir;

    private HostLayout layout;
    private PluginHost host;
    private SkillsRuntime runtime;
    private HostSkills skills;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
        runtime = new SkillsRuntime(SkillLimits.defaults());
        host = new PluginHost(
                HostSettings.defaults(dir.resolve("data")),
                Clock.systemUTC(),
                HostSecurity.unaudited(Map.of(), dir, layout.workspace()),
                List.of(runtime));
    }

    @AfterEach
    void tearDown() {
        if (skills != null) {
            skills.close();
        }
        host.close();
    }

    private static Path skill(Path root, String name, String extra, String body) {
        return Fixtures.file(
                        root.resolve(name).resolve("SKILL.md"),
                        "---\nname: " + name + "\ndescription: the " + name + " skill\n" + extra + "---\n" + body)
                .getParent();
    }

    private Catalog start() {
        Catalog catalog = PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout);
        host.start(catalog);
        return catalog;
    }

    private HostSkills publish(Set<String> reserved) {
        SkillLibrary library = new SkillLibrary(
                layout, SkillSettings.defaults(), SkillFacts.of(Map.of(), "linux"), SkillLimits.defaults());
        // Republishing right on the changing thread makes registry-driven refreshes visible at once.
        skills = HostSkills.start(host, library, runtime, reserved, Runnable::run);
        return skills;
    }

    private String promptText(String name, Map<String, String> arguments) {
        Content content = host.content().prompt(name, arguments, "test").get(0).content();
        return ((Content.Text) content).text();
    }

    @Test
    void aSkillsPluginLoadsThroughTheHostAndItsSkillsArePromptsCommandsAndResources() {
        Path plugin = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "docs",
                "{\"id\":\"docs\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"skills\"},"
                        + "\"provides\":{\"skills\":[\"notes\",\"hidden\"]}}");
        Path notes = skill(plugin.resolve("skills"), "notes", "", "Write notes in {baseDir}.\n");
        Fixtures.file(notes.resolve("scripts/new note.sh"), "echo new\n");
        skill(plugin.resolve("skills"), "hidden", "user-invocable: false\n", "Hidden.\n");
        Fixtures.file(plugin.resolve("skills/broken/SKILL.md"), "no front matter\n");
        start();

        publish(Set.of());

        assertThat(host.states()).containsEntry("docs", PluginState.ACTIVE);
        SkillSet set = skills.current();
        assertThat(set.skills()).extracting(EffectiveSkill::name).containsExactly("hidden", "notes");
        assertThat(set.find("notes").orElseThrow().skill().source()).isEqualTo(SkillSource.PLUGIN);
        assertThat(set.find("notes").orElseThrow().skill().origin()).isEqualTo("plugin:docs");
        assertThat(set.diagnostics())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> assertThat(d.message())
                        .startsWith(plugin.resolve("skills/broken/SKILL.md") + ":1: SKILL.md must start with a '---'"));
        assertThat(host.content().prompts()).extracting(PromptSpec::name).containsExactly("hidden", "notes");
        String uri = SkillPrompt.uri("notes", "scripts/new note.sh");
        assertThat(uri).isEqualTo("skill://notes/scripts%2Fnew%20note.sh");
        assertThat(promptText("notes", Map.of("input", "groceries")))
                .isEqualTo("Use the skill 'notes': the notes skill\n\nWrite notes in " + notes + ".\n\n"
                        + "Files of this skill, readable as resources:\n- scripts/new note.sh: " + uri
                        + "\n\nInput: groceries");
        assertThat(host.commands().commands())
                .extracting(c -> c.spec().name())
                .contains("notes")
                .doesNotContain("hidden");
        DispatchResult reply = host.dispatchCommand("/notes milk", "console", null);
        assertThat(((DispatchResult.Replied) reply).text()).endsWith("Input: milk");
        assertThat(host.content().resources()).extracting(ResourceSpec::uri).contains("skill://notes/{path}");
        Content.Resource file = host.content().read(uri, "test").get(0);
        assertThat(file.text()).isEqualTo("echo new\n");
        assertThatThrownBy(() -> host.content().read("skill://notes/..%2F..%2Fpincer-plugin.json", "test"))
                .isInstanceOf(PincerException.class)
                .hasMessageContaining("skill 'notes' has no file '../../pincer-plugin.json'");
    }

    @Test
    void refreshPublishesNewSkillsAndWithdrawsRemovedOnes() throws IOException {
        Path root = layout.home().resolve("skills");
        skill(root, "alpha", "", "A.\n");
        start();
        publish(Set.of());
        assertThat(host.content().prompts()).extracting(PromptSpec::name).containsExactly("alpha");

        skill(root, "beta", "", "B.\n");
        Files.delete(root.resolve("alpha/SKILL.md"));
        skills.refresh();

        assertThat(host.content().prompts()).extracting(PromptSpec::name).containsExactly("beta");
        assertThat(host.commands().commands())
                .extracting(c -> c.spec().name())
                .contains("beta")
                .doesNotContain("alpha");
        assertThat(host.content().resources()).extracting(ResourceSpec::uri).containsExactly("skill://beta/{path}");

        skills.close();
        assertThat(host.content().prompts()).isEmpty();
        assertThat(host.commands().commands()).extracting(c -> c.spec().name()).doesNotContain("beta");
    }

    @Test
    void ineligibleSkillsAreListedButNotOffered() {
        skill(layout.home().resolve("skills"), "gh", "metadata: {openclaw: {requires: {bins: [gh-not-here]}}}\n", "");
        start();
        publish(Set.of());

        assertThat(skills.current().find("gh").orElseThrow().status()).isEqualTo("needs binary 'gh-not-here' on PATH");
        assertThat(host.content().prompts()).isEmpty();
    }

    @Test
    void aCommandCollisionIsReportedAndTheOtherCommandKeepsItsName() {
        Path root = layout.home().resolve("skills");
        skill(root, "help", "", "");
        skill(root, "deploy", "", "");
        skill(root, "1password", "", "");
        start();

        publish(Set.of("deploy"));

        assertThat(skills.current().diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly(
                        "skill '1password' is not offered as a slash command: a command name starts with a letter and"
                                + " has at most 32 characters",
                        "skill 'deploy' is not offered as /deploy because a plugin declares it in its manifest; the"
                                + " other command keeps the name",
                        "skill 'help' is not offered as /help because it is built into Pincer; the other command keeps"
                                + " the name");
        assertThat(host.dispatchCommand("/help", "console", null)).isInstanceOf(DispatchResult.Replied.class);
        assertThat(((DispatchResult.Replied) host.dispatchCommand("/help", "console", null)).pluginId())
                .isNull();
        assertThat(host.content().prompts())
                .extracting(PromptSpec::name)
                .containsExactly("1password", "deploy", "help");
    }

    @Test
    void aSkillsPluginWithNoLoadableSkillFailsWithTheReasons() {
        Path plugin = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "empty",
                "{\"id\":\"empty\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"skills\",\"paths\":[\"mine\"]}}");
        Fixtures.file(plugin.resolve("mine/bad/SKILL.md"), "---\nname: bad\n---\n");
        start();

        assertThat(host.states()).containsEntry("empty", PluginState.FAILED);
        assertThat(host.reports())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> assertThat(d.message())
                        .isEqualTo("plugin 'empty' failed in activate: no skill of plugin 'empty' loads: "
                                + plugin.resolve("mine/bad/SKILL.md")
                                + ":3: the front matter has no 'description', which every skill needs"));
    }
}
