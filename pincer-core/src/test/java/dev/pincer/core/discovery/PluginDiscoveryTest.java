package dev.pincer.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Severity;
import dev.pincer.core.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

    private static final PluginDiscovery DISCOVERY = new PluginDiscovery(ManifestReader.create());

    @TempDir
    Path dir;

    private PluginRoot root(RootKind kind, String folder, int rank) {
        return new PluginRoot(kind, dir.resolve(folder), rank, "test");
    }

    private static List<String> codes(DiscoveryResult result) {
        return result.diagnostics().stream().map(Diagnostic::code).toList();
    }

    @Test
    void findsEveryPluginExactlyOnceSortedById() {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        IntStream.range(0, 300).forEach(i -> Fixtures.plugin(home.path(), "p" + (299 - i), "1.0.0", ""));

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins()).hasSize(300);
        assertThat(result.plugins()).extracting(DiscoveredPlugin::id).isSorted().doesNotHaveDuplicates();
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void higherRootShadowsLowerAndTheShadowIsReported() {
        PluginRoot bundled = root(RootKind.BUNDLED, "bundled", 0);
        PluginRoot workspace = root(RootKind.WORKSPACE, "ws", 2);
        Fixtures.plugin(bundled.path(), "notes", "1.0.0", "");
        Path winner = Fixtures.plugin(workspace.path(), "notes", "1.1.0", "");

        DiscoveryResult result = DISCOVERY.discover(List.of(workspace, bundled));

        assertThat(result.plugins()).singleElement().satisfies(p -> assertThat(p.directory())
                .isEqualTo(winner));
        assertThat(result.shadowedCopies("notes"))
                .singleElement()
                .satisfies(p -> assertThat(p.root().kind()).isEqualTo(RootKind.BUNDLED));
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.INFO);
            assertThat(d.message()).contains("1.0.0", "(bundled) is shadowed by 1.1.0", "(workspace)");
            assertThat(d.path()).isEqualTo(bundled.path().resolve("notes"));
        });
    }

    @Test
    void warnsWhenTheWinningCopyIsOlderThanTheShadowedOne() {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        PluginRoot workspace = root(RootKind.WORKSPACE, "ws", 2);
        Fixtures.plugin(home.path(), "notes", "2.0.0", "");
        Fixtures.plugin(workspace.path(), "notes", "1.0.0", "");

        DiscoveryResult result = DISCOVERY.discover(List.of(home, workspace));

        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.message()).endsWith("an older version");
            assertThat(d.hint()).contains("to use the newer copy");
        });
    }

    @Test
    void sameIdTwiceInOneRootIsAnError() {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        Fixtures.plugin(
                home.path(), "a-folder", "{\"id\":\"dup\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\"}}");
        Fixtures.plugin(
                home.path(), "b-folder", "{\"id\":\"dup\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\"}}");

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins())
                .singleElement()
                .satisfies(p -> assertThat(p.directory().getFileName()).hasToString("a-folder"));
        assertThat(codes(result)).containsExactly("discovery.duplicate-id");
    }

    @Test
    void skipsPluginFoldersLinkedFromOutsideTheRoot() throws IOException {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        Path outside = Fixtures.plugin(dir.resolve("elsewhere"), "evil", "1.0.0", "");
        Files.createDirectories(home.path());
        Files.createSymbolicLink(home.path().resolve("evil"), outside);

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins()).isEmpty();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("discovery.symlink-escape");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.message()).contains("outside the home root");
        });
    }

    @Test
    void acceptsLinksThatStayInsideTheRoot() throws IOException {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        Path real = Fixtures.plugin(home.path().resolve(".store"), "real", "1.0.0", "");
        Files.createSymbolicLink(home.path().resolve("real"), real);

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins()).extracting(DiscoveredPlugin::id).containsExactly("real");
    }

    @Test
    void refusesAManifestThatLinksOutOfItsFolder() throws IOException {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        Path secret = Fixtures.file(
                dir.resolve("secret.json"), "{\"id\":\"s\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\"}}");
        Path folder = Files.createDirectories(home.path().resolve("sneaky"));
        Files.createSymbolicLink(folder.resolve("pincer-plugin.json"), secret);

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins()).isEmpty();
        assertThat(codes(result)).containsExactly("discovery.symlink-escape");
    }

    @Test
    void reportsSymlinkLoopsInsteadOfHanging() throws IOException {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        Files.createDirectories(home.path());
        Files.createSymbolicLink(home.path().resolve("loop-a"), home.path().resolve("loop-b"));
        Files.createSymbolicLink(home.path().resolve("loop-b"), home.path().resolve("loop-a"));
        Fixtures.plugin(home.path(), "ok", "1.0.0", "");

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins()).extracting(DiscoveredPlugin::id).containsExactly("ok");
    }

    @Test
    void keepsBrokenManifestsAsEntriesNamedByFolderWhenTheyStateNoId() {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        Fixtures.plugin(home.path(), "broken-folder", "{ not json");

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("broken-folder");
            assertThat(p.manifest()).isEmpty();
        });
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.pluginId()).isEqualTo("broken-folder");
            assertThat(d.path()).isEqualTo(home.path().resolve("broken-folder").resolve("pincer-plugin.json"));
        });
    }

    @Test
    void warnsAboutFoldersWithoutManifestAndAboutTwoManifests() {
        PluginRoot home = root(RootKind.HOME, "home", 1);
        Fixtures.file(home.path().resolve("notes-data").resolve("readme.txt"), "hi");
        Path both = Fixtures.plugin(home.path(), "both", "1.0.0", "");
        Fixtures.file(both.resolve("pincer-plugin.toml"), "id = \"other\"");

        DiscoveryResult result = DISCOVERY.discover(List.of(home));

        assertThat(result.plugins()).extracting(DiscoveredPlugin::id).containsExactly("both");
        assertThat(codes(result)).containsExactlyInAnyOrder("discovery.no-manifest", "discovery.two-manifests");
    }

    @Test
    void configPathMayNameOnePluginFolderOrBeMissing() {
        Path single = Fixtures.plugin(dir.resolve("dev"), "mine", "1.0.0", "");
        PluginRoot direct = new PluginRoot(RootKind.CONFIG, single, 4, "config.toml");
        PluginRoot missing = new PluginRoot(RootKind.CONFIG, dir.resolve("nope"), 3, "config.toml");

        DiscoveryResult result = DISCOVERY.discover(List.of(direct, missing));

        assertThat(result.plugins()).extracting(DiscoveredPlugin::id).containsExactly("mine");
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("discovery.missing-root");
            assertThat(d.hint()).contains("config.toml");
        });
    }

    @Test
    void missingHomeAndWorkspaceRootsAreNormal() {
        DiscoveryResult result =
                DISCOVERY.discover(List.of(root(RootKind.HOME, "nohome", 1), root(RootKind.WORKSPACE, "nows", 2)));

        assertThat(result.plugins()).isEmpty();
        assertThat(result.diagnostics()).isEmpty();
    }
}
