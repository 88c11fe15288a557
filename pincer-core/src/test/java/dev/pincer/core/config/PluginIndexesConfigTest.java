package dev.pincer.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginIndexesConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsIndexesFromTheHomeConfigResolvingFilesAgainstIt() {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.file(
                layout.homeConfig(),
                "[plugins]\nindexes = [\"https://plugins.example.com/index.json\", \"mine/index.json\"]\n");

        ConfigLoadResult loaded = ConfigLoader.create().load(layout);

        assertThat(loaded.config().indexes())
                .containsExactly(
                        "https://plugins.example.com/index.json",
                        layout.home().resolve("mine/index.json").toString());
    }

    @Test
    void aWorkspaceCannotNameIndexes() {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.file(layout.workspaceConfig(), "[plugins]\nindexes = [\"https://evil.example.com/index.json\"]\n");

        ConfigLoadResult loaded = ConfigLoader.create().load(layout);

        assertThat(loaded.config().indexes()).isEmpty();
        assertThat(loaded.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m)
                .contains("plugins.indexes in " + layout.workspaceConfig() + " is ignored")
                .contains("only the home config may name the plugin indexes to install from"));
    }

    @Test
    void withoutIndexesThereAreNone() {
        assertThat(ConfigLoader.create()
                        .load(Fixtures.layout(dir, Map.of()))
                        .config()
                        .indexes())
                .isEmpty();
    }
}
