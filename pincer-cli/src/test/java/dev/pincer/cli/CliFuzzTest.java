package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Feeds the CLI hostile manifests and config files and checks that it always answers like a
 * program, never like a crash: status 0 or 1, no "internal error", and valid JSON from
 * {@code list --json} and {@code doctor --json}. Inputs come from seeded generators, so a failure
 * reproduces; each assertion names the input that broke it.
 */
class CliFuzzTest {

    private static final String ANCHOR = "anchor-plugin";
    private static final Set<String> STATES = Set.of("resolved", "disabled", "blocked", "awaiting-approval", "failed");

    private static final String RICH_MANIFEST = "{\"id\":\"fuzzed\",\"version\":\"1.2.3\",\"name\":\"Fuzzed\","
            + "\"pincer\":\">=0.1.0 <1.0.0\",\"runtime\":{\"type\":\"mcp\",\"command\":\"node\",\"args\":[\"a.js\"]},"
            + "\"provides\":{\"tools\":[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"}}],\"memory\":[\"m\"]},"
            + "\"dependencies\":{\"anchor-plugin\":\"^1.0.0\"},"
            + "\"permissions\":{\"network\":[\"*.example.com:443\"],\"filesystem\":[{\"path\":\"/tmp\",\"mode\":\"read\"}]},"
            + "\"resources\":{\"memory\":\"64MiB\",\"timeout\":\"30s\"},"
            + "\"config\":{\"type\":\"object\",\"properties\":{\"k\":{\"type\":\"string\",\"default\":\"v\"}}},"
            + "\"activation\":{\"mode\":\"lazy\"}}";

    private static final List<String> TOML_FRAGMENTS = List.of(
            "[",
            "]",
            "[[",
            "]]",
            "=",
            " = ",
            "\"",
            "'",
            "'''",
            "\"\"\"",
            "{",
            "}",
            ",",
            ".",
            "\n",
            " ",
            "#",
            "\\",
            "\\u0000",
            "\u0000",
            "plugins",
            "entries",
            "allow",
            "deny",
            "paths",
            "slots",
            "memory",
            "enabled",
            "config",
            "id",
            "version",
            "runtime",
            "type",
            "jvm",
            "true",
            "false",
            "1",
            "-1",
            "1e999",
            "0x1F",
            "1979-05-27T07:32:00Z",
            "inf",
            "nan",
            "x",
            "\"anchor-plugin\"",
            "\"${HOME}\"",
            "\"${NOPE}\"",
            "ü");

    private static final List<String> TOML_STARTS = List.of(
            "",
            "[plugins]\n",
            "[plugins.entries.anchor-plugin]\n",
            "[plugins.entries.anchor-plugin.config]\n",
            "id = \"fuzzed\"\nversion = \"1.0.0\"\n[runtime]\ntype = \"jvm\"\n");

    private static Path base;
    private static int counter;

    @BeforeAll
    static void createBase() throws IOException {
        base = Files.createTempDirectory("pincer-fuzz");
    }

    @AfterAll
    static void deleteBase() {
        delete(base);
    }

    @Test
    void randomBytesAsAManifestNeverCrash() {
        Random random = new Random(1);
        for (int i = 0; i < 40; i++) {
            byte[] content = bytes(random, 600);
            boolean toml = random.nextBoolean();
            inHost(host -> {
                TestHost.write(host.workspacePlugins().resolve("fuzzed").resolve(manifestName(toml)), content);
                check(host);
            });
        }
    }

    @Test
    void mutatedManifestsNeverCrash() {
        Random random = new Random(2);
        for (int i = 0; i < 40; i++) {
            String manifest = mutatedManifest(random);
            inHost(host -> {
                TestHost.plugin(host.workspacePlugins(), "fuzzed", manifest);
                for (JsonNode p : check(host)) {
                    String id = p.get("id").asString();
                    TestHost.Run inspect = host.run("plugins", "inspect", id, "--json");
                    assertNoCrash(inspect, 0);
                    assertThat(inspect.json().get("id").asString()).isEqualTo(id);
                }
            });
        }
    }

    @Test
    void tomlishManifestsNeverCrash() {
        Random random = new Random(3);
        for (int i = 0; i < 30; i++) {
            String manifest = tomlish(random);
            inHost(host -> {
                TestHost.write(host.workspacePlugins().resolve("fuzzed").resolve("pincer-plugin.toml"), manifest);
                check(host);
            });
        }
    }

    @Test
    void tomlishConfigNeverCrashesAndFailsClosed() {
        Random random = new Random(4);
        for (int i = 0; i < 40; i++) {
            String config = tomlish(random);
            boolean workspace = random.nextBoolean();
            inHost(host -> {
                Path file = workspace ? host.workspaceConfig() : host.homeConfig();
                TestHost.write(file, config);
                checkConfig(host, file);
            });
        }
    }

    @Test
    void randomBytesAsConfigNeverCrashAndFailClosed() {
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            byte[] config = bytes(random, 600);
            inHost(host -> {
                TestHost.write(host.homeConfig(), config);
                checkConfig(host, host.homeConfig());
            });
        }
    }

    @Test
    void deeplyNestedDocumentsNeverCrash() {
        int depth = 10_000;
        List<String> json = List.of(
                "[".repeat(depth),
                "{\"a\":".repeat(depth),
                "[".repeat(depth) + "]".repeat(depth),
                "{\"id\":\"deep\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\"},\"config\":"
                        + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
        List<String> toml = List.of(
                "a = " + "[".repeat(depth),
                "a = " + "[".repeat(depth) + "]".repeat(depth),
                "a = " + "{b = ".repeat(depth),
                "a = " + "{b = ".repeat(depth) + "1" + "}".repeat(depth),
                "[" + "a.".repeat(depth) + "a]\n",
                "[[" + "a.".repeat(depth) + "a]]\n",
                "a" + ".a".repeat(depth) + " = 1\n");
        inHost(host -> {
            for (int i = 0; i < json.size(); i++) {
                TestHost.write(host.workspacePlugins().resolve("json-" + i).resolve("pincer-plugin.json"), json.get(i));
            }
            for (int i = 0; i < toml.size(); i++) {
                TestHost.write(host.workspacePlugins().resolve("toml-" + i).resolve("pincer-plugin.toml"), toml.get(i));
            }
            JsonNode list = check(host);
            assertThat(list).hasSize(1 + json.size() + toml.size());
        });
        for (String config : toml) {
            inHost(host -> {
                TestHost.write(host.homeConfig(), config);
                checkConfig(host, host.homeConfig());
            });
        }
        for (String config : toml) {
            inHost(host -> {
                TestHost.write(host.homeConfig(), "[plugins.entries.anchor-plugin.config]\n" + config);
                checkConfig(host, host.homeConfig());
            });
        }
    }

    /**
     * TOML dotted keys ({@code a.a.a… = 1}) build depth without brackets; the nesting limit must
     * hold for them too, or deep trees reach code that recurses (schema compilation, copies, JSON
     * output).
     */
    @Test
    void deepDottedKeysInSettingsAndSchemasNeverCrash() {
        int depth = 50_000;
        String dotted = "a" + ".a".repeat(depth) + " = 1\n";
        String valid = "id = \"deep\"\nversion = \"1.0.0\"\n[runtime]\ntype = \"jvm\"\n";
        inHost(host -> {
            TestHost.write(
                    host.workspacePlugins().resolve("deep").resolve("pincer-plugin.toml"),
                    valid + "[config]\ntype = \"object\"\n" + "properties.a.".repeat(depth) + "type = \"string\"\n");
            check(host);
        });
        inHost(host -> {
            TestHost.write(host.homeConfig(), "[plugins.entries.anchor-plugin.config]\n" + dotted);
            checkConfig(host, host.homeConfig());
            assertNoCrash(host.run("plugins", "disable", ANCHOR), 1);
        });
        inHost(host -> {
            TestHost.write(
                    host.workspacePlugins().resolve("deep").resolve("pincer-plugin.toml"),
                    valid + "[config]\n" + "a" + ".a".repeat(1500) + " = 1\n");
            check(host);
            assertNoCrash(host.run("plugins", "inspect", "deep", "--json"), 1);
        });
    }

    @Test
    void hugeStringsNeverCrash() {
        String huge = "x".repeat(2 * 1024 * 1024);
        String almost = "y".repeat(1000 * 1024);
        inHost(host -> {
            plugin(host, "json-huge", "pincer-plugin.json", "{\"id\":\"" + huge + "\"}");
            plugin(host, "json-almost-id", "pincer-plugin.json", "{\"id\":\"" + almost + "\"}");
            plugin(
                    host,
                    "json-almost-description",
                    "pincer-plugin.json",
                    Manifests.with("described", "1.0.0", "\"description\":\"" + almost + "\""));
            plugin(host, "json-key", "pincer-plugin.json", "{\"" + almost + "\":1}");
            plugin(host, "json-number", "pincer-plugin.json", "{\"id\":" + "9".repeat(almost.length()) + "}");
            plugin(host, "toml-huge", "pincer-plugin.toml", "id = \"" + huge + "\"\n");
            plugin(host, "toml-almost", "pincer-plugin.toml", "id = \"" + almost.replace('y', 'z') + "\"\n");
            plugin(host, "toml-multiline", "pincer-plugin.toml", "description = \"\"\"" + almost + "\"\"\"\n");
            JsonNode list = check(host);
            assertThat(list).hasSize(9);
        });
        for (String config : List.of(
                "[plugins]\nallow = [\"" + huge + "\"]\n",
                "[plugins]\ndeny = [\"" + almost + "\"]\n",
                "[plugins.entries.anchor-plugin.config]\nvalue = \"" + almost + "\"\n",
                "[plugins.entries." + almost + "]\nenabled = true\n")) {
            inHost(host -> {
                TestHost.write(host.homeConfig(), config);
                checkConfig(host, host.homeConfig());
            });
        }
    }

    private static final char[] EDIT_CHARACTERS = {
        '{', '}', '[', ']', '"', ':', ',', '\\', '0', '9', '-', '.', 'a', ' ', '\n', '\u0000', 'é', '\uFFFF'
    };

    /** Returns the rich manifest with one to eight random deletions, insertions or replacements. */
    private static String mutatedManifest(Random random) {
        StringBuilder text = new StringBuilder(RICH_MANIFEST);
        for (int edits = 1 + random.nextInt(8); edits > 0; edits--) {
            Edit e = new Edit(
                    random.nextInt(text.length()),
                    random.nextInt(3),
                    EDIT_CHARACTERS[random.nextInt(EDIT_CHARACTERS.length)]);
            int at = Math.min(e.position(), text.length() - 1);
            switch (e.operation()) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, e.character());
                default -> text.setCharAt(at, e.character());
            }
        }
        return text.toString();
    }

    /** Returns a plausible TOML start followed by up to 60 TOML-ish fragments. */
    private static String tomlish(Random random) {
        StringBuilder text = new StringBuilder(TOML_STARTS.get(random.nextInt(TOML_STARTS.size())));
        for (int n = random.nextInt(61); n > 0; n--) {
            text.append(TOML_FRAGMENTS.get(random.nextInt(TOML_FRAGMENTS.size())));
        }
        return text.toString();
    }

    private static byte[] bytes(Random random, int maxLength) {
        byte[] content = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(content);
        return content;
    }

    private record Edit(int position, int operation, char character) {}

    /** Runs {@code list --json} and {@code doctor --json} and returns the list, checked. */
    private static JsonNode check(TestHost host) {
        TestHost.Run list = host.run("plugins", "list", "--json");
        TestHost.Run doctor = host.run("plugins", "doctor", "--json");
        assertNoCrash(list, 0);
        assertNoCrash(doctor, 1);
        JsonNode plugins = list.json();
        assertThat(plugins.isArray()).as(list.out()).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode p : plugins) {
            ids.add(p.get("id").asString());
            assertThat(p.get("state").asString()).isIn(STATES);
            assertThat(p.get("reason").asString()).isNotBlank();
        }
        assertThat(ids).contains(ANCHOR).doesNotHaveDuplicates().isSorted();
        JsonNode report = doctor.json();
        assertThat(report.get("plugins").asInt()).isEqualTo(plugins.size());
        int errors = report.get("counts").get("error").asInt();
        assertThat(doctor.status())
                .as("doctor exits 1 exactly when it reports errors")
                .isEqualTo(errors > 0 ? 1 : 0);
        return plugins;
    }

    /** Checks a run with a fuzzed config file: no crash, and every plugin blocked if the file is unusable. */
    private static void checkConfig(TestHost host, Path file) {
        JsonNode plugins = check(host);
        JsonNode report = host.run("plugins", "doctor", "--json").json();
        boolean unusable = false;
        for (JsonNode d : report.get("diagnostics")) {
            unusable |= d.get("severity").asString().equals("error")
                    && file.toString().equals(d.get("path").asString())
                    && d.get("code").asString().matches("config\\.(syntax|unusable|too-large|unreadable)");
        }
        if (unusable) {
            for (JsonNode p : plugins) {
                assertThat(p.get("state").asString()).as(p.toString()).isEqualTo("blocked");
            }
        }
    }

    private static void assertNoCrash(TestHost.Run run, int worst) {
        assertThat(run.err()).as(run.toString()).doesNotContain("internal error");
        assertThat(run.status()).as(run.toString()).isBetween(0, Math.max(worst, 1));
    }

    private static void plugin(TestHost host, String folder, String file, String content) {
        TestHost.write(host.workspacePlugins().resolve(folder).resolve(file), content.getBytes(StandardCharsets.UTF_8));
    }

    private static String manifestName(boolean toml) {
        return toml ? "pincer-plugin.toml" : "pincer-plugin.json";
    }

    /** Runs {@code body} against a fresh installation holding one valid plugin, then deletes it. */
    private static void inHost(Consumer<TestHost> body) {
        Path root = base.resolve("try-" + counter++);
        try {
            TestHost host = new TestHost(root);
            host.homePlugin(ANCHOR, "1.0.0");
            body.accept(host);
        } finally {
            delete(root);
        }
    }

    private static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
