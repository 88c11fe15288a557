package dev.pincer.core.install;

import static dev.pincer.core.install.Fixtures.Entry.file;
import static dev.pincer.core.install.Fixtures.MANIFEST;
import static dev.pincer.core.install.PluginIndexTest.index;
import static dev.pincer.core.install.PluginIndexTest.plugin;
import static dev.pincer.core.install.PluginIndexTest.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing index entries from index files next to their archives. */
class IndexSourceTest {

    @TempDir
    Path dir;

    private Path first;
    private Path second;

    @BeforeEach
    void indexes() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo/archives"));
        Path v1 = Fixtures.zip(repo.resolve("hello-1.0.0.zip"), file("pincer-plugin.json", MANIFEST), file("v", "1"));
        Path v2 = Fixtures.tarGz(
                repo.resolve("hello-2.0.0.tgz"), file("hello/pincer-plugin.json", MANIFEST), file("hello/v", "2"));
        first = Files.writeString(
                dir.resolve("first.json"),
                index(plugin("other", "Other", "x", version("1.0.0", "o.zip", PluginIndexTest.SHA))));
        second = Files.writeString(
                dir.resolve("repo/index.json"),
                index(plugin(
                        "hello",
                        "Hello",
                        "Greets",
                        version("1.0.0", "archives/hello-1.0.0.zip", Digests.sha256(v1)),
                        version("2.0.0", "archives/hello-2.0.0.tgz", Digests.sha256(v2)))));
    }

    private Fetched fetch(String source, List<Path> indexes) {
        return Sources.fetch(
                new SourceRequest(
                        source,
                        null,
                        false,
                        indexes.stream().map(Path::toString).toList()),
                dir.resolve("staging"),
                InstallLimits.defaults(),
                Progress.SILENT);
    }

    @Test
    void installsTheNewestVersionFromTheFirstIndexListingTheId() throws IOException {
        Fetched fetched = fetch("hello", List.of(first, second));

        assertThat(fetched.kind()).isEqualTo(Fetched.Kind.INDEX);
        assertThat(fetched.source()).isEqualTo("hello@2.0.0 from " + second);
        assertThat(fetched.folder()).isEqualTo(dir.resolve("staging/plugin/hello"));
        assertThat(Files.readString(fetched.folder().resolve("v"))).isEqualTo("2");
        assertThat(fetched.digest()).isEqualTo(Digests.sha256(dir.resolve("repo/archives/hello-2.0.0.tgz")));
    }

    @Test
    void picksTheNewestVersionThatRunsOnThisPincerAndSaysSoWhenNoneDoes() throws IOException {
        Path v1 = dir.resolve("repo/archives/hello-1.0.0.zip");
        Path v2 = dir.resolve("repo/archives/hello-2.0.0.tgz");
        Path index = Files.writeString(
                dir.resolve("repo/ranges.json"),
                index(plugin(
                        "hello",
                        "Hello",
                        "Greets",
                        version("1.0.0", "archives/hello-1.0.0.zip", Digests.sha256(v1)),
                        version("2.0.0", "archives/hello-2.0.0.tgz", Digests.sha256(v2))
                                .replace(">=0.1.0", ">=9.0.0"))));
        SourceRequest newest = new SourceRequest("hello", null, false, List.of(index.toString()));

        Fetched fetched = Sources.fetch(
                newest.forHost(dev.pincer.core.manifest.SemanticVersion.of("0.1.0")),
                dir.resolve("staging"),
                InstallLimits.defaults(),
                Progress.SILENT);

        assertThat(fetched.source()).isEqualTo("hello@1.0.0 from " + index);
        assertThatThrownBy(() -> Sources.fetch(
                        newest.forHost(dev.pincer.core.manifest.SemanticVersion.of("0.0.1")),
                        dir.resolve("staging2"),
                        InstallLimits.defaults(),
                        Progress.SILENT))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.host-version");
                    assertThat(e.hint())
                            .isEqualTo("update Pincer, or ask the plugin's author for a version that supports 0.0.1");
                })
                .hasMessage("no listed version of 'hello' runs on Pincer 0.0.1: 1.0.0 needs pincer >=0.1.0 (" + index
                        + "), 2.0.0 needs pincer >=9.0.0 (" + index + ")");
    }

    @Test
    void installsTheVersionAsked() throws IOException {
        Fetched fetched = fetch("hello@1.0.0", List.of(second));

        assertThat(fetched.source()).isEqualTo("hello@1.0.0 from " + second);
        assertThat(Files.readString(fetched.folder().resolve("v"))).isEqualTo("1");
    }

    @Test
    void recognisesAnArchiveWithoutAnExtensionByItsFirstBytes() throws IOException {
        Path blob = Fixtures.tarGz(dir.resolve("repo/archives/blob"), file("pincer-plugin.toml", "id = \"toml\""));
        Path index = Files.writeString(
                dir.resolve("repo/blob.json"),
                index(plugin("toml", "Toml", "x", version("1.0.0", "archives/blob", Digests.sha256(blob)))));

        Fetched fetched = fetch("toml", List.of(index));

        assertThat(fetched.folder()).isEqualTo(dir.resolve("staging/plugin"));
        assertThat(fetched.folder().resolve("pincer-plugin.toml")).exists();
    }

    @Test
    void namesTheListedVersionsWhenTheVersionIsMissing() {
        assertThatThrownBy(() -> fetch("hello@3.0.0", List.of(first, second)))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.index-not-found");
                    assertThat(e.hint())
                            .isEqualTo(
                                    "install one of the listed versions with hello@<version>, or the id alone for the newest");
                })
                .hasMessage("no configured plugin index lists version 3.0.0 of 'hello'; listed: 1.0.0 (" + second
                        + "), 2.0.0 (" + second + ")");
        assertThatThrownBy(() -> fetch("hello@latest", List.of(second)))
                .hasMessage("'latest' in 'hello@latest' is not a semantic version");
    }

    @Test
    void saysWhichIndexesWereSearchedForAnUnknownId() {
        assertThatThrownBy(() -> fetch("nobody", List.of(first, second)))
                .isInstanceOfSatisfying(PincerException.class, e -> assertThat(e.hint())
                        .startsWith("check the id with 'pincer plugins search'"))
                .hasMessage("no configured plugin index lists 'nobody' (searched " + first + ", " + second + ")");
        assertThatThrownBy(() -> fetch("nobody", List.of()))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.no-indexes"))
                .hasMessage("'nobody' looks like a plugin id, but no plugin index is configured to look it up in");
    }

    @Test
    void refusesATamperedArchiveAndPlacesNothing() throws IOException {
        Path v1 = dir.resolve("repo/archives/hello-1.0.0.zip");
        Fixtures.zip(v1, file("pincer-plugin.json", MANIFEST), file("v", "evil"));

        assertThatThrownBy(() -> fetch("hello@1.0.0", List.of(second)))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.digest-mismatch"))
                .hasMessageContaining("downloaded from " + v1.toUri() + " has SHA-256 " + Digests.sha256(v1)
                        + ", but index " + second + " lists ");
        assertThat(Fixtures.tree(dir.resolve("staging"))).isEmpty();
    }
}
