package dev.pincer.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.runtime.jvm.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCheckTest {

    private static final String ECHO_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}," + "\"required\":[\"text\"]}";

    @TempDir
    Path dir;

    private final PluginCheck check =
            PluginCheck.builder(SemanticVersion.of("0.1.0")).build();

    /** Writes plugin folder {@code id} whose class {@code com.acme.P} has {@code body}. */
    private Path plugin(String id, String provides, String body) {
        return plugin(id, provides, "", body);
    }

    private Path plugin(String id, String provides, String extra, String body) {
        Path folder = Fixtures.plugin(
                dir,
                id,
                "{\"id\":\"" + id + "\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.P\"},"
                        + "\"provides\":" + provides + extra + "}");
        TestJars.jar()
                .source(
                        "com.acme.P",
                        "package com.acme;\n"
                                + "import dev.pincer.api.*; import dev.pincer.api.tool.*; import java.util.*;\n"
                                + "public class P implements Plugin {\n" + body + "\n}\n")
                .writeTo(folder.resolve("lib").resolve(id + ".jar"));
        return folder;
    }

    private static String tool(String name, String answer) {
        return "c.registerTool(ToolSpec.of(\"" + name + "\", \"echo\").withInputSchema(\""
                + ECHO_SCHEMA.replace("\"", "\\\"") + "\"), call -> " + answer + ");";
    }

    private static String echo(String name) {
        return tool(name, "ToolResult.text(\"echo: \" + call.arguments().get(\"text\"))");
    }

    private static String activate(String... statements) {
        return "public void activate(PluginContext c) { " + String.join(" ", statements) + " }";
    }

    private static String declared(String name, String examples) {
        return "{\"tools\":[{\"name\":\"" + name + "\",\"inputSchema\":" + ECHO_SCHEMA + ",\"examples\":" + examples
                + "}]}";
    }

    private static List<String> statuses(CheckReport report) {
        return report.results().stream()
                .map(r -> r.check() + " " + r.status().label())
                .toList();
    }

    @Test
    void aGoodPluginPassesEveryCheck() {
        Path folder =
                plugin("good", declared("echo", "[{\"text\":\"hi\"},{\"text\":\"there\"}]"), activate(echo("echo")));

        CheckReport report = check.run(folder);

        assertThat(statuses(report))
                .containsExactly(
                        "manifest passed",
                        "config passed",
                        "runtime passed",
                        "activation passed",
                        "declarations passed",
                        "examples passed",
                        "deactivation passed");
        assertThat(report.passed()).isTrue();
        assertThat(report.pluginId()).isEqualTo("good");
        assertThat(report.result("examples").orElseThrow().details())
                .containsExactly(
                        "tool 'echo' example 0 {\"text\":\"hi\"} answered: echo: hi",
                        "tool 'echo' example 1 {\"text\":\"there\"} answered: echo: there");
        assertThat(report.result("deactivation").orElseThrow().summary()).endsWith("and left no threads running");
    }

    @Test
    void namesAToolThePluginRegistersButTheManifestDoesNotDeclare() {
        Path folder = plugin("extra", declared("echo", "[]"), activate(echo("echo"), echo("shout")));

        CheckReport report = check.run(folder);

        assertThat(report.passed()).isFalse();
        CheckResult declarations = report.result("declarations").orElseThrow();
        assertThat(declarations.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(declarations.details())
                .containsExactly("plugin 'extra' registered tool 'shout' but does not declare it"
                        + " (add it to provides.tools in pincer-plugin.json)");
        assertThat(report.result("deactivation").orElseThrow().status()).isEqualTo(CheckResult.Status.PASSED);
    }

    @Test
    void namesAToolTheManifestDeclaresButThePluginNeverRegisters() {
        Path folder =
                plugin("missing", "{\"tools\":[{\"name\":\"echo\"},{\"name\":\"whisper\"}]}", activate(echo("echo")));

        CheckReport report = check.run(folder);

        assertThat(report.result("declarations").orElseThrow().details())
                .singleElement()
                .asString()
                .startsWith("plugin 'missing' declares tool 'whisper' but did not register it");
        assertThat(report.failures()).extracting(CheckResult::check).containsExactly("declarations");
    }

    @Test
    void reportsTheTextOfAnExampleThatAnswersWithAnError() {
        Path folder = plugin(
                "grumpy",
                declared("echo", "[{\"text\":\"hi\"}]"),
                activate(tool("echo", "ToolResult.error(\"no greeting for \" + call.arguments().get(\"text\"))")));

        CheckReport report = check.run(folder);

        CheckResult examples = report.result("examples").orElseThrow();
        assertThat(examples.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(examples.summary()).isEqualTo("1 of 1 examples did not answer cleanly");
        assertThat(examples.details())
                .containsExactly(
                        "tool 'echo' example 0 {\"text\":\"hi\"} answered with an error result: no greeting for hi");
    }

    @Test
    void reportsAnExampleWhoseToolThrows() {
        Path folder = plugin(
                "thrower",
                declared("echo", "[{\"text\":\"hi\"}]"),
                activate(tool("echo", "{ throw new IllegalStateException(\"kaput\"); }")));

        CheckResult examples = check.run(folder).result("examples").orElseThrow();

        assertThat(examples.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(examples.details())
                .singleElement()
                .asString()
                .contains("ended failed")
                .contains("kaput");
    }

    @Test
    void aManifestErrorFailsTheFirstCheckAndSkipsTheRest() throws Exception {
        Path folder = Fixtures.plugin(
                dir, "broken", "{\"id\":\"broken\",\"version\":\"1.0\",\"runtime\":{\"type\":\"jvm\"}}");

        CheckReport report = check.run(folder);

        assertThat(statuses(report))
                .containsExactly(
                        "manifest failed",
                        "config skipped",
                        "runtime skipped",
                        "activation skipped",
                        "declarations skipped",
                        "examples skipped",
                        "deactivation skipped");
        assertThat(report.result("manifest").orElseThrow().details())
                .singleElement()
                .asString()
                .contains("'version' '1.0' is not a semantic version");
        assertThat(report.result("runtime").orElseThrow().summary())
                .isEqualTo("not checked: the manifest did not validate");
    }

    @Test
    void aFolderWithoutManifestSaysSo() {
        CheckReport report = check.run(dir);

        assertThat(report.result("manifest").orElseThrow().summary())
                .isEqualTo("no manifest: " + dir.toAbsolutePath().normalize()
                        + " holds neither pincer-plugin.json nor pincer-plugin.toml");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void anActivationThatThrowsFailsActivationWithItsMessage() {
        Path folder = plugin(
                "crashy", declared("echo", "[]"), activate("throw new IllegalStateException(\"no config file\");"));

        CheckReport report = check.run(folder);

        assertThat(statuses(report))
                .containsExactly(
                        "manifest passed",
                        "config passed",
                        "runtime passed",
                        "activation failed",
                        "declarations skipped",
                        "examples skipped",
                        "deactivation skipped");
        assertThat(report.result("activation").orElseThrow().details())
                .singleElement()
                .asString()
                .contains("no config file");
    }

    @Test
    void aJarWithoutTheMainClassFailsTheRuntimeCheck() throws Exception {
        Path folder = Fixtures.plugin(
                dir,
                "hollow",
                "{\"id\":\"hollow\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.Gone\"}}");
        TestJars.jar()
                .resource("readme.txt", "nothing")
                .writeTo(folder.resolve("lib").resolve("hollow.jar"));

        CheckReport report = check.run(folder);

        CheckResult runtime = report.result("runtime").orElseThrow();
        assertThat(runtime.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(runtime.summary()).isEqualTo("the jvm runtime could not load the plugin");
        assertThat(runtime.details()).singleElement().asString().contains("com.acme.Gone");
    }

    @Test
    void aThreadLeftRunningFailsDeactivation() {
        Path folder = plugin(
                "leaky",
                declared("echo", "[]"),
                activate(
                        echo("echo"),
                        "Thread t = new Thread(() -> { while (true) { try { Thread.sleep(10); }"
                                + " catch (InterruptedException e) { } } }, \"leaky-worker\"); t.setDaemon(true);"
                                + " t.start();"));

        CheckResult deactivation = check.run(folder).result("deactivation").orElseThrow();

        assertThat(deactivation.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(deactivation.details()).anySatisfy(d -> assertThat(d).contains("leaky-worker"));
    }

    @Test
    void checksGivenSettingsAgainstTheConfigSchema() throws Exception {
        String config = ",\"config\":{\"type\":\"object\",\"properties\":{\"units\":{\"type\":\"string\","
                + "\"enum\":[\"metric\",\"imperial\"],\"default\":\"metric\"}}}";
        Path folder = plugin("weather", declared("echo", "[]"), config, activate(echo("echo")));
        Path good = Fixtures.file(dir.resolve("good.toml"), "units = \"imperial\"\n");
        Path bad = Fixtures.file(dir.resolve("bad.toml"), "units = \"kelvin\"\n");

        CheckResult defaults = check.run(folder).result("config").orElseThrow();
        CheckResult given = PluginCheck.builder(SemanticVersion.of("0.1.0"))
                .settingsFile(good)
                .build()
                .run(folder)
                .result("config")
                .orElseThrow();
        CheckReport wrong = PluginCheck.builder(SemanticVersion.of("0.1.0"))
                .settingsFile(bad)
                .build()
                .run(folder);

        assertThat(defaults.summary())
                .isEqualTo("the config schema is a valid JSON Schema and the default settings validate against it");
        assertThat(given.summary())
                .isEqualTo("the config schema is a valid JSON Schema and the given settings validate against it");
        CheckResult refused = wrong.result("config").orElseThrow();
        assertThat(refused.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(refused.summary()).isEqualTo("the settings do not validate against the plugin's config schema");
        assertThat(refused.details()).singleElement().asString().contains("units");
    }

    @Test
    void callsTheExamplesOfADestructiveToolAsConfirmed() {
        Path folder = plugin(
                "wiper",
                "{\"tools\":[{\"name\":\"wipe\",\"destructive\":true,\"inputSchema\":" + ECHO_SCHEMA
                        + ",\"examples\":[{\"text\":\"all\"}]}]}",
                activate(echo("wipe")));

        CheckResult examples = check.run(folder).result("examples").orElseThrow();

        assertThat(examples.status()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(examples.details()).containsExactly("tool 'wipe' example 0 {\"text\":\"all\"} answered: echo: all");
    }

    @Test
    void checksAPluginThatIsDisabledByDefault() {
        Path folder = plugin(
                "shy", declared("echo", "[{\"text\":\"hi\"}]"), ",\"enabledByDefault\":false", activate(echo("echo")));

        CheckReport report = check.run(folder);

        assertThat(report.failures()).isEmpty();
        assertThat(report.result("examples").orElseThrow().status()).isEqualTo(CheckResult.Status.PASSED);
    }

    @Test
    void aMissingSettingsFileFailsTheConfigCheckNamingIt() {
        Path folder = plugin("weather", declared("echo", "[]"), activate(echo("echo")));
        Path missing = dir.resolve("nowhere.toml");

        CheckReport report = PluginCheck.builder(SemanticVersion.of("0.1.0"))
                .settingsFile(missing)
                .build()
                .run(folder);

        CheckResult config = report.result("config").orElseThrow();
        assertThat(config.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(config.summary()).isEqualTo("the settings file " + missing + " does not exist");
        assertThat(report.result("runtime").orElseThrow().summary())
                .isEqualTo("not checked: the settings could not be read");
    }

    @Test
    void leavesNoTemporaryHomeBehind() throws Exception {
        Path folder = plugin("tidy", declared("echo", "[]"), activate(echo("echo")));

        check.run(folder);

        // Other checks may run at the same time; none but this one names this folder.
        try (Stream<Path> homes = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(homes.filter(p -> p.getFileName().toString().startsWith("pincer-check"))
                            .map(p -> p.resolve("config.toml"))
                            .filter(Files::isRegularFile)
                            .filter(config -> read(config).contains(folder.toString())))
                    .isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return ""; // deleted meanwhile by its own check
        }
    }
}
