package dev.pincer.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginIndexTest {

    static final String SHA = "a".repeat(64);

    @TempDir
    Path dir;

    static String index(String plugins) {
        return "{\"schema\": 1, \"plugins\": [" + plugins + "]}";
    }

    static String plugin(String id, String name, String description, String... versions) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"description\": \"" + description
                + "\", \"versions\": [" + String.join(", ", versions) + "]}";
    }

    static String version(String version, String url, String sha) {
        return "{\"version\": \"" + version + "\", \"url\": \"" + url + "\", \"sha256\": \"" + sha
                + "\", \"pincer\": \">=0.1.0\"}";
    }

    private PluginIndex load(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("index.json"), json);
        return PluginIndex.load(file.toString(), InstallLimits.defaults(), Progress.SILENT);
    }

    private PluginIndex sample() throws IOException {
        return load(index(String.join(
                ", ",
                plugin(
                        "hello",
                        "Hello",
                        "Greets people",
                        version("1.2.0", "hello-1.2.0.zip", SHA),
                        version("1.10.0", "hello-1.10.0.zip", SHA.toUpperCase()),
                        version("2.0.0-beta.1", "hello-2.0.0-beta.1.zip", SHA)),
                plugin(
                        "weather",
                        "Weather",
                        "Forecasts for HELLO-land",
                        version("0.1.0", "https://cdn.example.org/w.tgz", SHA)),
                plugin("beta-only", "Beta", "Unfinished", version("0.1.0-rc.1", "b.zip", SHA)))));
    }

    @Test
    void readsEveryVersionAndPicksTheNewestReleaseBySemver() throws IOException {
        PluginIndex index = sample();

        assertThat(index.location()).isEqualTo(dir.resolve("index.json").toString());
        assertThat(index.entries()).hasSize(5);
        IndexEntry newest = index.newest("hello").orElseThrow();
        assertThat(newest.version()).isEqualTo("1.10.0");
        assertThat(newest.sha256()).isEqualTo(SHA);
        assertThat(newest.name()).isEqualTo("Hello");
        assertThat(newest.pincer()).isEqualTo(">=0.1.0");
        assertThat(newest.index()).isEqualTo(index.location());
        assertThat(index.newest("beta-only").orElseThrow().version()).isEqualTo("0.1.0-rc.1");
        assertThat(index.newest("nope")).isEmpty();
        assertThat(index.find("hello", "2.0.0-beta.1")).isPresent();
        assertThat(index.versions("hello"))
                .extracting(IndexEntry::version)
                .containsExactly("1.2.0", "1.10.0", "2.0.0-beta.1");
    }

    @Test
    void searchesIdNameAndDescriptionIgnoringCase() throws IOException {
        PluginIndex index = sample();

        assertThat(index.search("hello")).extracting(IndexEntry::id).containsExactly("hello", "weather");
        assertThat(index.search("GREETS")).extracting(IndexEntry::version).containsExactly("1.10.0");
        assertThat(index.search("")).extracting(IndexEntry::id).containsExactly("beta-only", "hello", "weather");
        assertThat(index.search("zzz")).isEmpty();
    }

    @Test
    void resolvesUrlsAgainstAFileIndex() throws IOException {
        PluginIndex index = sample();

        assertThat(index.archive(index.find("hello", "1.2.0").orElseThrow()))
                .isEqualTo(dir.resolve("hello-1.2.0.zip").toUri());
        assertThat(index.archive(index.newest("weather").orElseThrow()))
                .isEqualTo(URI.create("https://cdn.example.org/w.tgz"));
    }

    @Test
    void resolvesUrlsAgainstAnHttpIndexAndRefusesFilesThere() {
        IndexEntry relative =
                new IndexEntry("hello", null, null, "1.0.0", "files/h.zip", SHA, null, "https://ex.org/idx/index.json");
        IndexEntry local = new IndexEntry(
                "hello", null, null, "1.0.0", "file:///etc/passwd", SHA, null, "https://ex.org/idx/index.json");
        PluginIndex index = new PluginIndex("https://ex.org/idx/index.json", java.util.List.of(relative, local));

        assertThat(index.archive(relative)).isEqualTo(URI.create("https://ex.org/idx/files/h.zip"));
        assertThatThrownBy(() -> index.archive(local))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.index-invalid"))
                .hasMessage("plugin index https://ex.org/idx/index.json gives plugin 'hello' 1.0.0 the url"
                        + " 'file:///etc/passwd', which cannot be used: an index read over http(s) may only point at"
                        + " http(s) URLs");
    }

    @Test
    void reportsEveryProblemNamingTheIndexPluginAndField() {
        String json = index(String.join(
                ", ",
                plugin("Bad Id", "x", "y", version("1.0.0", "a.zip", SHA)),
                plugin(
                        "hello",
                        "Hello",
                        "z",
                        version("1.0", "a.zip", "abc"),
                        "{\"version\": \"1.1.0\", \"sha256\": \"" + SHA + "\"}"),
                plugin("hello", "Again", "z", version("1.0.0", "a.zip", SHA)),
                "{\"id\": \"empty\", \"versions\": []}"));

        assertThatThrownBy(() -> load(json))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.index-invalid");
                    assertThat(e.hint()).contains("\"schema\": 1");
                })
                .hasMessageStartingWith("plugin index " + dir.resolve("index.json") + " is invalid: ")
                .hasMessageContaining("plugins[0] field 'id' must be 2 to 64 lower-case letters and digits separated by"
                        + " '-', '_' or '.', got 'Bad Id'")
                .hasMessageContaining(
                        "plugin 'hello' versions[0] field 'version' must be a semantic version (e.g. 1.2.0), got '1.0'")
                .hasMessageContaining("plugin 'hello' versions[0] field 'sha256' must be 64 hex digits, got 'abc'")
                .hasMessageContaining("plugin 'hello' versions[1] lacks the field 'url'")
                .hasMessageContaining("plugin 'hello' is listed twice")
                .hasMessageContaining("plugin 'empty' field 'versions' must be a non-empty array");
    }

    @Test
    void refusesOtherSchemasBrokenJsonAndDuplicateKeys() {
        assertThatThrownBy(() -> load("{\"schema\": 2, \"plugins\": []}"))
                .hasMessageContaining("field 'schema' must be 1 (this Pincer reads index schema 1), got 2");
        assertThatThrownBy(() -> load("{\"schema\": 1, \"plugins\": [}"))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.index-invalid"))
                .hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> load("{\"schema\": 1, \"schema\": 1, \"plugins\": []}"))
                .hasMessageContaining("is not valid JSON")
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> load(index(
                        plugin("hello", "h", "d", version("1.0.0", "a.zip", SHA), version("1.0.0", "b.zip", SHA)))))
                .hasMessageContaining("plugin 'hello' versions[1] repeats version '1.0.0'");
        assertThatThrownBy(() ->
                        load(index("{\"id\": \"hello\", \"versions\": [{\"version\": \"1.0.0\", \"url\": \"a.zip\","
                                + " \"sha256\": \"" + SHA + "\", \"pincer\": \"not a range\"}]}")))
                .hasMessageContaining(
                        "plugin 'hello' versions[0] field 'pincer' must be a version range (e.g. >=0.1.0),"
                                + " got 'not a range'");
    }

    @Test
    void refusesAMissingIndexFile() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> PluginIndex.load(missing.toString(), InstallLimits.defaults(), Progress.SILENT))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.index-missing");
                    assertThat(e.path()).isEqualTo(missing);
                })
                .hasMessage("plugin index " + missing + " does not exist or is not a file");
    }
}
