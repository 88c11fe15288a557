package dev.pincer.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.Approval;
import dev.pincer.core.permissions.ApprovalBook;
import dev.pincer.core.permissions.Standing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** An OpenAI-compatible provider whose host and key variable come from its settings. */
    private static final String PROVIDER = "\"config\": {\"type\": \"object\", \"properties\": {"
            + "\"baseUrl\": {\"type\": \"string\", \"default\": \"https://api.openai.com/v1\"},"
            + "\"apiKeyEnv\": {\"type\": \"string\", \"default\": \"OPENAI_API_KEY\"}}},"
            + " \"permissions\": {\"network\": [\"${config.baseUrl}\"], \"env\": [\"${config.apiKeyEnv}\"]}";

    @Test
    void aSettingsChangeToANewHostWaitsForApprovalOfThatHostAloneAndGoingBackDoesNot() {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.plugin(Fixtures.homePlugins(layout), "openai", "1.0.0", PROVIDER);
        Book book = new Book();

        CatalogEntry fresh = CATALOG.scan(layout, book).find("openai").orElseThrow();
        assertThat(fresh.state()).isEqualTo(PluginState.AWAITING_APPROVAL);
        assertThat(fresh.reason())
                .isEqualTo("asks for network: api.openai.com; env: OPENAI_API_KEY; run `pincer plugins approve"
                        + " openai` to review and approve");
        book.approve(fresh.standing());
        CatalogEntry approved = CATALOG.scan(layout, book).find("openai").orElseThrow();
        assertThat(approved.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(approved.standing().granted())
                .isEqualTo(new Permissions(List.of("api.openai.com"), List.of(), List.of("OPENAI_API_KEY"), false));

        Fixtures.file(
                layout.homeConfig(),
                "[plugins.entries.openai.config]\nbaseUrl = \"http://127.0.0.1:11434/v1\"\napiKeyEnv = \"\"\n");
        CatalogEntry moved = CATALOG.scan(layout, book).find("openai").orElseThrow();
        assertThat(moved.state()).isEqualTo(PluginState.AWAITING_APPROVAL);
        assertThat(moved.reason())
                .isEqualTo("asks for more than was approved for 1.0.0: network: 127.0.0.1:11434; run `pincer plugins"
                        + " approve openai` to review and approve");
        assertThat(moved.standing().pending())
                .isEqualTo(new Permissions(List.of("127.0.0.1:11434"), List.of(), List.of(), false));

        book.approve(moved.standing());
        CatalogEntry local = CATALOG.scan(layout, book).find("openai").orElseThrow();
        assertThat(local.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(local.standing().granted())
                .isEqualTo(new Permissions(List.of("127.0.0.1:11434"), List.of(), List.of(), false));

        Fixtures.file(layout.homeConfig(), "");
        CatalogEntry back = CATALOG.scan(layout, book).find("openai").orElseThrow();
        assertThat(back.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(back.standing().granted().network()).containsExactly("api.openai.com");
    }

    @Test
    void aSettingThatIsNotAHostFailsThePluginAndSaysWhatIsExpected() {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.plugin(Fixtures.homePlugins(layout), "openai", "1.0.0", PROVIDER);
        Fixtures.file(layout.homeConfig(), "[plugins.entries.openai.config]\nbaseUrl = \"*.com\"\n");

        Catalog catalog = CATALOG.scan(layout);

        CatalogEntry entry = catalog.find("openai").orElseThrow();
        assertThat(entry.state()).isEqualTo(PluginState.FAILED);
        assertThat(entry.reason())
                .isEqualTo("setting 'baseUrl' of 'openai' is '*.com' (set in " + layout.homeConfig() + "), which"
                        + " permissions.network cannot take a host from: it holds '*', and a host taken from settings"
                        + " is never a wildcard; expected an http(s) URL such as https://api.example.com/v1, or a host"
                        + " such as api.example.com, api.example.com:8443 or 127.0.0.1:11434");
        assertThat(entry.standing()).isNull();
        assertThat(entry.requestedPermissions().network()).containsExactly("${config.baseUrl}");
        assertThat(catalog.diagnosticsFor("openai"))
                .extracting(Diagnostic::code)
                .containsExactly("permissions.placeholder");
        assertThat(catalog.activationOrder()).isEmpty();
    }

    @Test
    void aPluginDisabledByDefaultRunsOnlyOnceTheConfigEnablesIt() {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Fixtures.plugin(Fixtures.homePlugins(layout), "openai", "1.0.0", "\"enabledByDefault\": false");

        CatalogEntry off = CATALOG.scan(layout).find("openai").orElseThrow();
        assertThat(off.state()).isEqualTo(PluginState.DISABLED);
        assertThat(off.reason())
                .isEqualTo("disabled by default (its manifest says enabledByDefault = false); enable it with"
                        + " `pincer plugins enable openai`");

        Fixtures.file(layout.homeConfig(), "[plugins.entries.openai]\nenabled = true\n");
        assertThat(state(CATALOG.scan(layout), "openai")).isEqualTo(PluginState.RESOLVED);
    }

    /** Approvals kept in memory, per version, recorded as {@code pincer plugins approve} records them. */
    private static final class Book implements ApprovalBook {
        private final Map<String, Approval> byVersion = new LinkedHashMap<>();
        private Approval latest;

        void approve(Standing standing) {
            latest = new Approval("openai", "1.0.0", standing.toApprove(), Instant.EPOCH, "ada");
            byVersion.put(latest.version(), latest);
        }

        @Override
        public Optional<Approval> find(String pluginId, String version) {
            return Optional.ofNullable(byVersion.get(version));
        }

        @Override
        public Optional<Approval> latest(String pluginId) {
            return Optional.ofNullable(latest);
        }
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
