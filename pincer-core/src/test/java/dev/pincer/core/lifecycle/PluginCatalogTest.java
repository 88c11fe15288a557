package dev.pincer.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.SemanticVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCatalogTest {

    private static final PluginCatalog CATALOG = PluginCatalog.create(SemanticVersion.of("0.1.0"));

    @TempDir
    Path dir;

    private PluginState state(Catalog catalog, String id) {
        return catalog.find(id).orElseThrow().state();
    }

    @Test
    void putsEveryPluginInOneStateWithItsReason() {
        HostLayout layout = Fixtures.layout(dir, Map.of("KEY", "k"));
        Path home = Fixtures.homePlugins(layout);
        Fixtures.plugin(home, "http", "1.2.0", "");
        Fixtures.plugin(home, "web", "1.0.0", "\"dependencies\": {\"http\": \"^1.0.0\"}");
        Fixtures.plugin(home, "off", "1.0.0", "");
        Fixtures.plugin(home, "needs-off", "1.0.0", "\"dependencies\": {\"off\": \"*\"}");
        Fixtures.plugin(home, "banned", "1.0.0", "");
        Fixtures.plugin(home, "bad", "{\"id\": \"bad\", \"version\": \"one\", \"runtime\": {\"type\": \"jvm\"}}");
        Fixtures.plugin(home, "keyed", "1.0.0", "\"config\": {\"type\": \"object\", \"required\": [\"k\"]}");
        Fixtures.file(
                layout.homeConfig(),
                """
                [plugins]
                deny = ["banned"]
                [plugins.entries.off]
                enabled = false
                [plugins.entries.keyed.config]
                k = "${KEY}"
                """);

        Catalog catalog = CATALOG.scan(layout);

        assertThat(catalog.entries())
                .extracting(CatalogEntry::id)
                .containsExactly("bad", "banned", "http", "keyed", "needs-off", "off", "web");
        assertThat(state(catalog, "http")).isEqualTo(PluginState.RESOLVED);
        assertThat(state(catalog, "web")).isEqualTo(PluginState.RESOLVED);
        assertThat(state(catalog, "keyed")).isEqualTo(PluginState.RESOLVED);
        assertThat(state(catalog, "off")).isEqualTo(PluginState.DISABLED);
        assertThat(state(catalog, "banned")).isEqualTo(PluginState.BLOCKED);
        assertThat(state(catalog, "bad")).isEqualTo(PluginState.FAILED);
        assertThat(catalog.find("bad").orElseThrow().reason())
                .isEqualTo("invalid manifest: 'version' 'one' is not a semantic version");
        assertThat(catalog.find("needs-off").orElseThrow().reason())
                .startsWith("depends on 'off', which is disabled (disabled in " + layout.homeConfig());
        assertThat(catalog.activationOrder()).containsExactly("http", "keyed", "web");
        assertThat(catalog.hasErrors()).isTrue();
        assertThat(catalog.diagnosticsFor("bad"))
                .extracting(Diagnostic::path)
                .containsExactly(home.resolve("bad").resolve("pincer-plugin.json"));
    }

    @Test
    void workspaceCopyWinsAndDependantsSeeItsVersion() {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.plugin(Fixtures.homePlugins(layout), "http", "1.0.0", "");
        Fixtures.plugin(Fixtures.workspacePlugins(layout), "http", "2.0.0", "");
        Fixtures.plugin(Fixtures.homePlugins(layout), "client", "1.0.0", "\"dependencies\": {\"http\": \"^1.0.0\"}");

        Catalog catalog = CATALOG.scan(layout);

        CatalogEntry http = catalog.find("http").orElseThrow();
        assertThat(http.plugin().versionText()).isEqualTo("2.0.0");
        assertThat(http.shadowed()).extracting(p -> p.versionText()).containsExactly("1.0.0");
        assertThat(catalog.find("client").orElseThrow().reason()).contains("requires 'http' ^1.0.0, but 'http' 2.0.0");
    }

    @Test
    void rememberedCleanManifestsGiveTheSameCatalog() throws IOException {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Files.createDirectories(layout.home());
        for (int i = 0; i < 50; i++) {
            Fixtures.plugin(
                    Fixtures.homePlugins(layout), "p" + i, "1.0.0", i == 0 ? "" : "\"dependencies\": {\"p0\": \"^1\"}");
        }

        Catalog cold = CATALOG.scan(layout);
        Path cache = layout.home().resolve("cache").resolve("validated-manifests");
        Catalog warm = CATALOG.scan(layout);

        assertThat(cache).exists();
        assertThat(Files.readAllLines(cache)).hasSize(51);
        assertThat(warm.entries())
                .extracting(CatalogEntry::id, CatalogEntry::state)
                .isEqualTo(cold.entries().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.state()))
                        .toList());
        assertThat(warm.activationOrder()).isEqualTo(cold.activationOrder());
    }

    @Test
    void aCorruptCacheIsIgnored() throws IOException {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "p",
                "{\"id\": \"p\", \"version\": \"x\", \"runtime\": {\"type\": \"jvm\"}}");
        Fixtures.file(layout.home().resolve("cache").resolve("validated-manifests"), "\u0000garbage\nnot a digest\n");

        assertThat(state(CATALOG.scan(layout), "p")).isEqualTo(PluginState.FAILED);
    }

    @Test
    void doesNotCreateTheHomeFolderJustToList() {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.plugin(Fixtures.workspacePlugins(layout), "ws-only", "1.0.0", "");

        Catalog catalog = CATALOG.scan(layout);

        assertThat(state(catalog, "ws-only")).isEqualTo(PluginState.RESOLVED);
        assertThat(layout.home()).doesNotExist();
    }
}
