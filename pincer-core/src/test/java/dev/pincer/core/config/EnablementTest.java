package dev.pincer.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.discovery.DiscoveredPlugin;
import dev.pincer.core.discovery.PluginDiscovery;
import dev.pincer.core.manifest.ManifestReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnablementTest {

    private static final ConfigLoader LOADER = ConfigLoader.create();

    @TempDir
    Path dir;

    private HostLayout layout;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
    }

    private Enablement.Result decide() {
        ConfigLoadResult config = LOADER.load(layout);
        List<DiscoveredPlugin> plugins = new PluginDiscovery(ManifestReader.create())
                .discover(layout.roots(config.config().paths()))
                .plugins();
        return Enablement.decide(plugins, config, layout.homeConfig());
    }

    private void homeConfig(String toml) {
        Fixtures.file(layout.homeConfig(), toml);
    }

    private void workspaceConfig(String toml) {
        Fixtures.file(layout.workspaceConfig(), toml);
    }

    private void plugin(String id, String extra) {
        Fixtures.plugin(Fixtures.homePlugins(layout), id, "1.0.0", extra);
    }

    @Test
    void enablesByDefault() {
        plugin("a", "");

        assertThat(decide().decisions().get("a"))
                .isEqualTo(new Enablement.Decision(Enablement.Status.ENABLED, "enabled by default"));
    }

    @Test
    void aPluginWhoseManifestSaysEnabledByDefaultFalseIsDisabledUntilTheConfigEnablesIt() {
        plugin("openai", "\"enabledByDefault\": false");
        plugin("other", "");

        assertThat(decide().decisions().get("openai"))
                .isEqualTo(new Enablement.Decision(
                        Enablement.Status.DISABLED,
                        "disabled by default (its manifest says enabledByDefault = false); enable it with"
                                + " `pincer plugins enable openai`"));
        assertThat(decide().decisions().get("other").status()).isEqualTo(Enablement.Status.ENABLED);

        homeConfig("[plugins.entries.openai]\nenabled = true\n");
        assertThat(decide().decisions().get("openai"))
                .isEqualTo(new Enablement.Decision(Enablement.Status.ENABLED, "enabled in " + layout.homeConfig()));
    }

    @Test
    void denyAndTheAllowlistStillWinOverAPluginEnabledInTheConfig() {
        plugin("openai", "\"enabledByDefault\": false");
        plugin("ollama", "\"enabledByDefault\": false");
        homeConfig(
                """
                [plugins]
                deny = ["openai"]
                allow = ["openai"]
                [plugins.entries.openai]
                enabled = true
                [plugins.entries.ollama]
                enabled = true
                """);

        Enablement.Result result = decide();

        assertThat(result.decisions().get("openai"))
                .isEqualTo(new Enablement.Decision(
                        Enablement.Status.BLOCKED, "denied by plugins.deny in " + layout.homeConfig()));
        assertThat(result.decisions().get("ollama").status()).isEqualTo(Enablement.Status.BLOCKED);
        assertThat(result.decisions().get("ollama").reason()).startsWith("not in plugins.allow");
    }

    @Test
    void denyWinsOverAnExplicitEnableAndNamesTheFile() {
        plugin("a", "");
        homeConfig("[plugins]\ndeny = [\"a\"]\n[plugins.entries.a]\nenabled = true\n");

        Enablement.Decision decision = decide().decisions().get("a");

        assertThat(decision.status()).isEqualTo(Enablement.Status.BLOCKED);
        assertThat(decision.reason()).isEqualTo("denied by plugins.deny in " + layout.homeConfig());
    }

    @Test
    void allowlistBlocksEveryPluginItDoesNotName() {
        plugin("a", "");
        plugin("b", "");
        homeConfig("[plugins]\nallow = [\"a\"]\n");

        Enablement.Result result = decide();

        assertThat(result.decisions().get("a").status()).isEqualTo(Enablement.Status.ENABLED);
        assertThat(result.decisions().get("b").status()).isEqualTo(Enablement.Status.BLOCKED);
        assertThat(result.decisions().get("b").reason()).startsWith("not in plugins.allow (" + layout.homeConfig());
    }

    @Test
    void workspaceCannotWidenTheHomeAllowlist() {
        plugin("a", "");
        plugin("b", "");
        homeConfig("[plugins]\nallow = [\"a\"]\n");
        workspaceConfig("[plugins]\nallow = [\"a\", \"b\"]\n");

        assertThat(decide().decisions().get("b").status()).isEqualTo(Enablement.Status.BLOCKED);
    }

    @Test
    void workspaceDenyAddsToHomeDeny() {
        plugin("a", "");
        workspaceConfig("[plugins]\ndeny = [\"a\"]\n");

        assertThat(decide().decisions().get("a").reason())
                .isEqualTo("denied by plugins.deny in " + layout.workspaceConfig());
    }

    @Test
    void workspaceEntryOverridesHomeEntry() {
        plugin("a", "");
        homeConfig("[plugins.entries.a]\nenabled = true\n");
        workspaceConfig("[plugins.entries.a]\nenabled = false\n");

        assertThat(decide().decisions().get("a"))
                .isEqualTo(
                        new Enablement.Decision(Enablement.Status.DISABLED, "disabled in " + layout.workspaceConfig()));
    }

    @Test
    void twoMemoryPluginsWithoutASlotChoiceAreBothBlockedWithAHint() {
        plugin("mem-a", "\"provides\": {\"memory\": [\"x\"]}");
        plugin("mem-b", "\"provides\": {\"memory\": [\"y\"]}");
        plugin("other", "");

        Enablement.Result result = decide();

        assertThat(result.decisions().get("mem-a").status()).isEqualTo(Enablement.Status.BLOCKED);
        assertThat(result.decisions().get("mem-b").status()).isEqualTo(Enablement.Status.BLOCKED);
        assertThat(result.decisions().get("other").status()).isEqualTo(Enablement.Status.ENABLED);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.slot-clash");
            assertThat(d.message()).contains("mem-a, mem-b");
            assertThat(d.path()).isEqualTo(layout.homeConfig());
            assertThat(d.hint())
                    .isEqualTo("choose one in " + layout.homeConfig()
                            + ": [plugins.slots] memory = \"mem-a\" (or \"builtin\", or \"none\")");
        });
    }

    @Test
    void slotAssignmentDisablesTheOtherCandidates() {
        plugin("mem-a", "\"provides\": {\"memory\": [\"x\"]}");
        plugin("mem-b", "\"provides\": {\"memory\": [\"y\"]}");
        homeConfig("[plugins.slots]\nmemory = \"mem-b\"\n");

        Enablement.Result result = decide();

        assertThat(result.decisions().get("mem-b").status()).isEqualTo(Enablement.Status.ENABLED);
        assertThat(result.decisions().get("mem-a"))
                .isEqualTo(new Enablement.Decision(
                        Enablement.Status.DISABLED,
                        "the memory slot is assigned to 'mem-b' in " + layout.homeConfig()));
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void slotNamingAMissingOrUnfitPluginIsAnError() {
        plugin("mem-a", "\"provides\": {\"memory\": [\"x\"]}");
        plugin("tools-only", "");
        homeConfig("[plugins.slots]\nmemory = \"mem-aa\"\n");
        assertThat(decide().diagnostics())
                .extracting(Diagnostic::code, Diagnostic::hint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.slot-unknown", "did you mean 'mem-a'?"));

        homeConfig("[plugins.slots]\nmemory = \"tools-only\"\n");
        assertThat(decide().diagnostics()).extracting(Diagnostic::code).containsExactly("config.slot-mismatch");
    }

    @Test
    void builtinOrNoneInTheSlotDisablesEveryMemoryPluginWithoutFindings() {
        plugin("mem-a", "\"provides\": {\"memory\": [\"x\"]}");
        plugin("mem-b", "\"provides\": {\"memory\": [\"y\"]}");
        plugin("other", "");

        for (String value : List.of("builtin", "none")) {
            homeConfig("[plugins.slots]\nmemory = \"" + value + "\"\n");
            Enablement.Result result = decide();

            assertThat(result.decisions().get("mem-a"))
                    .isEqualTo(new Enablement.Decision(
                            Enablement.Status.DISABLED,
                            "the memory slot is assigned to '" + value + "' in " + layout.homeConfig()));
            assertThat(result.decisions().get("mem-b").status()).isEqualTo(Enablement.Status.DISABLED);
            assertThat(result.decisions().get("other").status()).isEqualTo(Enablement.Status.ENABLED);
            assertThat(result.diagnostics()).isEmpty();
        }
    }

    @Test
    void theSlotChoiceSaysWhoFillsItAndWhy() {
        ConfigLoadResult nothing = LOADER.load(layout);
        assertThat(Enablement.choose("memory", List.of(), nothing))
                .isEqualTo(new Enablement.SlotChoice(
                        "memory",
                        Enablement.Fill.BUILTIN,
                        null,
                        null,
                        List.of(),
                        "no enabled plugin provides memory, so Pincer's built-in backend fills the memory slot"));

        plugin("mem-a", "\"provides\": {\"memory\": [\"x\"]}");
        plugin("mem-b", "\"provides\": {\"memory\": [\"y\"]}");
        homeConfig("[plugins.slots]\nmemory = \"none\"\n");
        ConfigLoadResult none = LOADER.load(layout);
        List<DiscoveredPlugin> plugins = new PluginDiscovery(ManifestReader.create())
                .discover(layout.roots(none.config().paths()))
                .plugins();
        Enablement.SlotChoice choice = Enablement.choose("memory", plugins, none);
        assertThat(choice.fill()).isEqualTo(Enablement.Fill.NONE);
        assertThat(choice.origin()).isEqualTo(layout.homeConfig());
        assertThat(choice.candidates()).containsExactly("mem-a", "mem-b");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Enablement.choose("storage", plugins, none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'storage' is not an exclusive slot; the slots are [memory]");
    }

    @Test
    void anUnknownSlotValueListsBuiltinAndNoneAsChoicesAndSuggestsTheClosest() {
        plugin("mem-a", "\"provides\": {\"memory\": [\"x\"]}");
        homeConfig("[plugins.slots]\nmemory = \"builtn\"\n");

        assertThat(decide().diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.slot-unknown");
            assertThat(d.message())
                    .isEqualTo("[plugins.slots] memory = \"builtn\" in " + layout.homeConfig()
                            + " names a plugin that is not installed; the choices are \"builtin\" (Pincer's own),"
                            + " \"none\" (no memory) or the id of an installed plugin that provides memory");
            assertThat(d.hint()).isEqualTo("did you mean 'builtin'?");
        });
        assertThat(decide().decisions().get("mem-a").status()).isEqualTo(Enablement.Status.DISABLED);
    }

    @Test
    void aPluginNamedLikeAReservedSlotValueCannotFillTheSlotAndAWarningSaysSo() {
        plugin("none", "\"provides\": {\"memory\": [\"x\"]}");
        homeConfig("[plugins.slots]\nmemory = \"none\"\n");

        Enablement.Result result = decide();

        assertThat(result.decisions().get("none").status()).isEqualTo(Enablement.Status.DISABLED);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.slot-reserved");
            assertThat(d.message())
                    .isEqualTo("[plugins.slots] memory = \"none\" in " + layout.homeConfig()
                            + " means no memory, not the installed plugin 'none', whose id is a reserved word");
            assertThat(d.hint()).isEqualTo("rename the plugin to let it fill the memory slot");
        });
    }

    @Test
    void brokenConfigFileBlocksEveryPluginSoADenyListIsNeverIgnored() {
        plugin("a", "");
        homeConfig("[plugins]\ndeny = [\"a\"\n");

        ConfigLoadResult loaded = LOADER.load(layout);
        Enablement.Result result = decide();

        assertThat(loaded.usable()).isFalse();
        assertThat(loaded.diagnostics()).extracting(Diagnostic::code).containsExactly("config.syntax");
        assertThat(result.decisions().get("a").status()).isEqualTo(Enablement.Status.BLOCKED);
        assertThat(result.decisions().get("a").reason())
                .startsWith("config file " + layout.homeConfig() + " has errors");
    }

    @Test
    void wrongTypesInConfigAreErrorsAndUnknownKeysAreWarnings() {
        plugin("a", "");
        homeConfig("[plugins]\nallow = \"a\"\nalow = []\n");

        ConfigLoadResult loaded = LOADER.load(layout);

        assertThat(loaded.usable()).isFalse();
        assertThat(loaded.diagnostics())
                .extracting(Diagnostic::code)
                .containsExactlyInAnyOrder("config.schema", "config.unknown-key", "config.unusable");
        assertThat(loaded.diagnostics())
                .filteredOn(d -> d.code().equals("config.unknown-key"))
                .singleElement()
                .satisfies(d -> assertThat(d.hint()).startsWith("did you mean 'allow'?"));
    }

    @Test
    void warnsAboutEntriesForPluginsThatAreNotInstalled() {
        plugin("weather", "");
        homeConfig("[plugins.entries.wether]\nenabled = true\n");

        assertThat(decide().diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.unknown-plugin");
            assertThat(d.hint()).isEqualTo("did you mean 'weather'?");
        });
    }

    @Test
    void configPathsAreResolvedAgainstTheirFileAndUsedAsRoots() {
        Fixtures.plugin(dir.resolve("ws").resolve("extra"), "extra", "1.0.0", "");
        workspaceConfig("[plugins]\npaths = [\"extra\"]\n");

        assertThat(decide().decisions()).containsKey("extra");
    }
}
