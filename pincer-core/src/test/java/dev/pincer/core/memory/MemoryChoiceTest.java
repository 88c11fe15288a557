package dev.pincer.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.Fixtures;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.ApprovalBook;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryChoiceTest {

    @TempDir
    Path dir;

    private HostLayout layout;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
    }

    private void memoryPlugin(String id) {
        Fixtures.plugin(Fixtures.homePlugins(layout), id, "1.0.0", "\"provides\": {\"memory\": [\"" + id + "\"]}");
    }

    private void homeConfig(String toml) {
        Fixtures.file(layout.homeConfig(), toml);
    }

    private MemoryChoice choice() {
        ConfigLoadResult loaded = ConfigLoader.create().load(layout);
        return MemoryChoice.of(
                loaded, PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout, ApprovalBook.EMPTY, loaded));
    }

    @Test
    void theBuiltInBackendIsTheDefaultWhenNoPluginProvidesMemory() {
        Fixtures.plugin(Fixtures.homePlugins(layout), "tools-only", "1.0.0", "");

        assertThat(choice())
                .isEqualTo(MemoryChoice.builtin(
                        "no enabled plugin provides memory, so Pincer's built-in backend fills the memory slot"));
    }

    @Test
    void theOnlyEnabledMemoryPluginFillsTheSlotWhenNothingIsSet() {
        memoryPlugin("mem-a");

        assertThat(choice())
                .isEqualTo(
                        MemoryChoice.plugin("mem-a", "plugin 'mem-a' is the only enabled plugin that provides memory"));
    }

    @Test
    void aMemoryPluginThatConfigTurnedOffLeavesTheSlotToTheBuiltInBackend() {
        memoryPlugin("mem-a");
        homeConfig("[plugins.entries.mem-a]\nenabled = false\n");

        assertThat(choice().kind()).isEqualTo(MemoryChoice.Kind.BUILTIN);
    }

    @Test
    void builtinAndNoneAreTakenAsWrittenEvenWithMemoryPluginsInstalled() {
        memoryPlugin("mem-a");
        homeConfig("[plugins.slots]\nmemory = \"builtin\"\n");
        assertThat(choice())
                .isEqualTo(MemoryChoice.builtin("[plugins.slots] memory = \"builtin\" in " + layout.homeConfig()));

        homeConfig("[plugins.slots]\nmemory = \"none\"\n");
        assertThat(choice())
                .isEqualTo(MemoryChoice.none("[plugins.slots] memory = \"none\" in " + layout.homeConfig()));
        assertThat(choice().describe())
                .isEqualTo("no memory ([plugins.slots] memory = \"none\" in " + layout.homeConfig() + ")");
    }

    @Test
    void aPluginIdChoosesThatPluginInstalledOrNot() {
        memoryPlugin("mem-a");
        memoryPlugin("mem-b");
        homeConfig("[plugins.slots]\nmemory = \"mem-b\"\n");
        assertThat(choice())
                .isEqualTo(
                        MemoryChoice.plugin("mem-b", "[plugins.slots] memory = \"mem-b\" in " + layout.homeConfig()));

        homeConfig("[plugins.slots]\nmemory = \"mem-zz\"\n");
        assertThat(choice().pluginId()).isEqualTo("mem-zz");
    }

    @Test
    void aSlotClashMeansNoMemoryRatherThanABackendNobodyChose() {
        memoryPlugin("mem-a");
        memoryPlugin("mem-b");

        assertThat(choice())
                .isEqualTo(MemoryChoice.none("the memory slot is claimed by several plugins (mem-a, mem-b); choose"
                        + " one with [plugins.slots] memory; until then there is no memory"));
    }

    @Test
    void aBrokenConfigFileMeansNoMemoryFailClosed() {
        homeConfig("[plugins.slots]\nmemory = \"none\"\n[plugins\n");

        assertThat(choice())
                .isEqualTo(MemoryChoice.none("config file " + layout.homeConfig()
                        + " has errors, so the memory slot stays empty until it is fixed"));
    }

    @Test
    void aChoiceNamesAPluginWithPluginAndOnlyThen() {
        assertThatThrownBy(() -> new MemoryChoice(MemoryChoice.Kind.BUILTIN, "mem-a", "why"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a memory choice names a plugin with PLUGIN and only then, got BUILTIN and 'mem-a'");
    }
}
