package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code pincer plugins test} on the example JVM plugin (examples/jvm-hello, built by the
 * reactor into a plugin folder) and on copies of it whose manifest is wrong.
 */
class PluginTestIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));

    @TempDir
    Path dir;

    private TestHost host;

    @BeforeEach
    void setUp() {
        assertThat(EXAMPLE.resolve("pincer-plugin.json"))
                .as("the reactor builds examples/jvm-hello first")
                .exists();
        host = new TestHost(dir);
    }

    @Test
    void theExamplePluginPassesEveryCheck() {
        TestHost.Run run = host.run("plugins", "test", EXAMPLE.toString());

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out())
                .startsWith(
                        "Testing plugin 'hello' in " + EXAMPLE.toAbsolutePath().normalize() + "\n")
                .contains("  ✓ manifest: pincer-plugin.json reads and validates (plugin 'hello' 0.1.0)\n")
                .contains("  ✓ config: the config schema is a valid JSON Schema and the default settings validate"
                        + " against it\n")
                .contains("  ✓ runtime: the jvm runtime loaded the plugin\n")
                .containsPattern("  ✓ activation: activated in \\d+ ms \\(the limit is 10 s\\)\n")
                .contains("  ✓ declarations: it registers exactly what the manifest declares (5 capabilities)\n")
                .contains("  ✓ examples: every example (1) was answered without an error\n"
                        + "      tool 'greet' example 0 {\"name\":\"Ada\"} answered: Hello, Ada!\n")
                .containsPattern("  ✓ deactivation: deactivated in \\d+ ms and left no threads running\n")
                .endsWith("PASS: 7 of 7 checks passed\n");
    }

    @Test
    void leavesThePersonsHomeUntouched() throws IOException {
        host.run("plugins", "test", EXAMPLE.toString());

        try (Stream<Path> files = Files.list(host.home)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void catchesToolsThatDifferFromTheManifestNamingEach() {
        Path copy = copyOfExample();
        rewriteManifest(copy, "\"name\": \"reset\"", "\"name\": \"whisper\"");

        // A relative folder is taken from the directory pincer runs in.
        TestHost.Run run = host.run("plugins", "test", "hello-copy");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("Testing plugin 'hello' in " + copy + "\n")
                .contains("  ✗ declarations: what it registers differs from what the manifest declares in 2 places\n"
                        + "      plugin 'hello' registered tool 'reset' but does not declare it"
                        + " (add it to provides.tools in pincer-plugin.json)\n"
                        + "      plugin 'hello' declares tool 'whisper' but did not register it"
                        + " (register it when the plugin activates, or remove it from provides.tools in"
                        + " pincer-plugin.json)\n")
                .endsWith("FAIL: 1 of 7 checks failed (declarations)\n");
    }

    @Test
    void reportsAnInvalidManifestAndSkipsTheRest() {
        Path copy = copyOfExample();
        rewriteManifest(copy, "\"version\": \"0.1.0\"", "\"version\": \"0.1\"");

        TestHost.Run run = host.run("plugins", "test", copy.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("  ✗ manifest: pincer-plugin.json does not validate\n"
                        + "      error: 'version' '0.1' is not a semantic version")
                .contains("  - runtime: not checked: the manifest did not validate\n")
                .endsWith("FAIL: 1 of 7 checks failed (manifest)\n");
    }

    @Test
    void checksGivenSettingsAndPrintsJson() {
        TestHost.write(host.workspace.resolve("settings.toml"), "greeting = 7\n");

        JsonNode report = TestHost.JSON.readTree(
                host.run("plugins", "test", EXAMPLE.toString(), "--json", "--config", "settings.toml")
                        .out());

        assertThat(report.get("pluginId").asString()).isEqualTo("hello");
        assertThat(report.get("passed").asBoolean()).isFalse();
        JsonNode config = report.get("checks").get(1);
        assertThat(config.get("check").asString()).isEqualTo("config");
        assertThat(config.get("status").asString()).isEqualTo("failed");
        assertThat(config.get("summary").asString())
                .isEqualTo("the settings do not validate against the plugin's config schema");
        assertThat(config.get("details").get(0).asString()).contains("greeting");
    }

    @Test
    void aFolderWithoutManifestFails() {
        TestHost.Run run = host.run("plugins", "test", dir.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("Testing the plugin in " + dir + "\n"
                        + "  ✗ manifest: no manifest: " + dir
                        + " holds neither pincer-plugin.json nor pincer-plugin.toml\n");
    }

    private Path copyOfExample() {
        Path copy = host.workspace.resolve("hello-copy");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(EXAMPLE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    private static void rewriteManifest(Path folder, String from, String to) {
        Path manifest = folder.resolve("pincer-plugin.json");
        String text = TestHost.read(manifest);
        assertThat(text).contains(from);
        TestHost.write(manifest, text.replace(from, to));
    }
}
