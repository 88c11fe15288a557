package dev.pincer.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {

    @TempDir
    Path dir;

    private Fetched fetch(Path source, boolean link, InstallLimits limits) {
        return Sources.fetch(
                new SourceRequest(source.toString(), null, link, List.of()),
                dir.resolve("staging"),
                limits,
                Progress.SILENT);
    }

    private Fetched fetch(Path source) {
        return fetch(source, false, InstallLimits.defaults());
    }

    @Test
    void copiesTheFolderWithoutItsGitFolder() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));
        Files.createDirectories(plugin.resolve(".git/objects"));
        Files.writeString(plugin.resolve(".git/HEAD"), "ref: refs/heads/main");
        Files.createDirectories(plugin.resolve("sub"));
        Files.writeString(plugin.resolve("sub/.git"), "gitdir: elsewhere");
        Fixtures.Recording progress = new Fixtures.Recording();

        Fetched fetched = Sources.fetch(
                new SourceRequest(plugin.toString(), null, false, List.of()),
                dir.resolve("staging"),
                InstallLimits.defaults(),
                progress);

        assertThat(fetched.kind()).isEqualTo(Fetched.Kind.FOLDER);
        assertThat(fetched.folder()).isEqualTo(dir.resolve("staging/plugin"));
        assertThat(fetched.source()).isEqualTo(plugin.toRealPath().toString());
        assertThat(fetched.digest()).isNull();
        assertThat(Fixtures.tree(fetched.folder())).containsExactly("lib", "lib/tool.txt", "pincer-plugin.json", "sub");
        assertThat(progress.steps).containsExactly("Copying " + plugin.toRealPath());
    }

    @Test
    void linksTheFolderInPlaceWithoutCopying() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));

        Fetched fetched = fetch(plugin, true, InstallLimits.defaults());

        assertThat(fetched.kind()).isEqualTo(Fetched.Kind.LINK);
        assertThat(fetched.folder()).isEqualTo(plugin.toRealPath());
        assertThat(Fixtures.tree(dir.resolve("staging"))).isEmpty();
    }

    @Test
    void findsTheManifestInTheFolderSingleSubFolder() throws IOException {
        Fixtures.pluginFolder(dir.resolve("checkout/hello"));

        Fetched fetched = fetch(dir.resolve("checkout"));

        assertThat(fetched.folder()).isEqualTo(dir.resolve("staging/plugin/hello"));
    }

    @Test
    void refusesAFolderWithoutAManifest() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(folder.resolve("README.md"), "hi");

        assertThatThrownBy(() -> fetch(folder))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.no-manifest");
                    assertThat(e.hint()).contains("point at the folder that holds the manifest");
                })
                .hasMessage("'" + folder + "' is not a plugin: it has no pincer-plugin.json or pincer-plugin.toml"
                        + " at its top, nor in a single top-level folder");
        assertThat(Fixtures.tree(dir.resolve("staging"))).isEmpty();
        assertThatThrownBy(() -> fetch(folder, true, InstallLimits.defaults())).hasMessageContaining("is not a plugin");
    }

    @Test
    void refusesALinkPointingOutsideTheFolder() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(plugin.resolve("lib/secret.txt"), dir.resolve("secret.txt"));

        assertThatThrownBy(() -> fetch(plugin))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.folder-unsafe"))
                .hasMessageContaining("lib/secret.txt is a symbolic link to '" + dir.resolve("secret.txt")
                        + "', outside the plugin folder");
        assertThat(Fixtures.tree(dir.resolve("staging"))).isEmpty();
    }

    @Test
    void refusesALinkToAFolderEvenInside() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));
        Files.createSymbolicLink(plugin.resolve("again"), Path.of("lib"));

        assertThatThrownBy(() -> fetch(plugin))
                .hasMessageContaining("again is a symbolic link to a folder or special file");
    }

    @Test
    void refusesADanglingLink() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));
        Files.createSymbolicLink(plugin.resolve("gone"), Path.of("nowhere"));

        assertThatThrownBy(() -> fetch(plugin))
                .hasMessageContaining("gone is a symbolic link to 'nowhere', which does not exist");
    }

    @Test
    void copiesALinkToAFileInsideAsARegularFile() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));
        Files.createSymbolicLink(plugin.resolve("tool-link.txt"), Path.of("lib/tool.txt"));

        Fetched fetched = fetch(plugin);

        Path copied = fetched.folder().resolve("tool-link.txt");
        assertThat(Files.isSymbolicLink(copied)).isFalse();
        assertThat(Files.readString(copied)).isEqualTo("tool");
    }

    @Test
    void refusesToCopyAFolderIntoItself() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));

        assertThatThrownBy(() -> Sources.fetch(
                        new SourceRequest(plugin.toString(), null, false, List.of()),
                        plugin.resolve("staging"),
                        InstallLimits.defaults(),
                        Progress.SILENT))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.copy"))
                .hasMessage("cannot copy plugin folder " + plugin.toRealPath() + " into "
                        + plugin.resolve("staging/plugin") + ", which lies inside it");
        assertThat(Fixtures.tree(plugin.resolve("staging"))).isEmpty();
    }

    @Test
    void refusesAFifo() throws Exception {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));
        Process mkfifo = new ProcessBuilder("mkfifo", plugin.resolve("pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");

        assertThatThrownBy(() -> fetch(plugin)).hasMessageContaining("pipe is a FIFO, socket or device");
    }

    @Test
    void enforcesTheEntryAndByteLimits() throws IOException {
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(plugin.resolve("f" + i), "x");
        }
        Files.write(plugin.resolve("big.bin"), new byte[300_000]);

        assertThatThrownBy(() -> fetch(plugin, false, new InstallLimits(1 << 20, 1 << 20, 5, 10)))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.too-many-entries"))
                .hasMessageContaining("holds more than the limit of 5 files and folders");
        assertThatThrownBy(() -> fetch(plugin, false, new InstallLimits(1 << 20, 200_000, 100, 10)))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.too-large"))
                .hasMessageContaining("holds more than the limit of 200000 bytes of files");
        assertThat(Fixtures.tree(dir.resolve("staging"))).isEmpty();
    }

    @Test
    void refusesLinkAndRefForOtherKindsOfSource() throws IOException {
        Path zip = Fixtures.zip(dir.resolve("hello.zip"), Fixtures.Entry.file("pincer-plugin.json", Fixtures.MANIFEST));
        Path plugin = Fixtures.pluginFolder(dir.resolve("hello"));

        assertThatThrownBy(() -> fetch(zip, true, InstallLimits.defaults()))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.source-option"))
                .hasMessage("--link works only with a plugin folder, and '" + zip + "' is an archive");
        assertThatThrownBy(() -> Sources.fetch(
                        new SourceRequest(plugin.toString(), "main", false, List.of()),
                        dir.resolve("staging"),
                        InstallLimits.defaults(),
                        Progress.SILENT))
                .hasMessage("--ref works only with a git repository, and '" + plugin + "' is a folder");
    }

    @Test
    void refusesSourcesItDoesNotUnderstand() {
        assertThatThrownBy(() -> Sources.fetch(
                        new SourceRequest("ftp://example.org/x", null, false, List.of()),
                        dir.resolve("staging"),
                        InstallLimits.defaults(),
                        Progress.SILENT))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.source-unknown");
                    assertThat(e.hint()).contains("give a plugin folder; an archive (.zip, .jar, .tar.gz, .tgz)");
                })
                .hasMessage("'ftp://example.org/x' uses a URL scheme Pincer does not fetch plugins from");
        assertThatThrownBy(() -> Sources.fetch(
                        new SourceRequest("Not A Source!", null, false, List.of()),
                        dir.resolve("staging"),
                        InstallLimits.defaults(),
                        Progress.SILENT))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.source-unknown");
                    assertThat(e.hint()).contains("a git URL (https://host/x.git, git+https://…");
                    assertThat(e.hint()).contains("a plugin id from a configured index (id or id@version)");
                })
                .hasMessage("'Not A Source!' is not a plugin source Pincer understands");
        assertThatThrownBy(() -> Sources.fetch(
                        new SourceRequest("https://example.org/plugins/hello", null, false, List.of()),
                        dir.resolve("staging"),
                        InstallLimits.defaults(),
                        Progress.SILENT))
                .hasMessage("URL 'https://example.org/plugins/hello' names neither an archive (.zip, .jar, .tar.gz,"
                        + " .tgz) nor a git repository (.git)");
        assertThatThrownBy(() -> Sources.fetch(
                        new SourceRequest("hello-1.0.0.zip", null, false, List.of()),
                        dir.resolve("staging"),
                        InstallLimits.defaults(),
                        Progress.SILENT))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.source-missing"))
                .hasMessage("plugin source 'hello-1.0.0.zip' does not exist");
        assertThatThrownBy(() -> fetch(dir.resolve("missing/plugin")))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.source-missing"))
                .hasMessage("plugin source '" + dir.resolve("missing/plugin") + "' does not exist");
    }
}
