package dev.pincer.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.tool.Content;
import dev.pincer.core.Fixtures;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.RegistrySnapshot;
import dev.pincer.core.runtime.jvm.TestJars;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generational reload: {@link PluginHost#reload} with real plugin jars rewritten in place. */
class ReloadTest {

    @TempDir
    Path dir;

    private HostLayout layout;
    private PluginHost host;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
        host = new PluginHost(HostSettings.defaults(dir.resolve("data")), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    /**
     * Writes (or rewrites in place) plugin {@code id} whose class body is {@code body}; {@code
     * manifestExtra} is added to the manifest.
     */
    private void plugin(String id, String manifestExtra, String body) {
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                id,
                "{\"id\":\"" + id + "\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme."
                        + cap(id) + "\"}" + manifestExtra + "}");
        TestJars.jar()
                .source(
                        "com.acme." + cap(id),
                        "package com.acme;\n"
                                + "import dev.pincer.api.*; import dev.pincer.api.tool.*; import dev.pincer.api.hook.*;"
                                + " import dev.pincer.api.command.*; import java.util.*;\n"
                                + "public class " + cap(id) + " implements Plugin {\n" + body + "\n}\n")
                .writeTo(folder.resolve("lib").resolve(id + ".jar"));
    }

    private static String cap(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }

    /** A plugin body whose tool {@code tool} answers {@code answer}, after {@code sleepMs}. */
    private static String answering(String tool, String answer, int sleepMs) {
        return "public void activate(PluginContext c) {\n"
                + "  c.registerTool(ToolSpec.of(\"" + tool + "\", \"answers\"), call -> {\n"
                + "    try { Thread.sleep(" + sleepMs + "); } catch (InterruptedException e) {"
                + " Thread.currentThread().interrupt(); }\n"
                + "    return ToolResult.text(\"" + answer + "\"); });\n"
                + "  c.registerCommand(CommandSpec.noArgs(\"" + tool + "-version\", \"says the version\"),"
                + " inv -> CommandResult.reply(\"" + answer + "\"));\n"
                + "}";
    }

    private Catalog scan() {
        return PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout);
    }

    private String call(String tool) {
        Invocation call = host.tools().invoke(tool, Map.of(), null);
        assertThat(call.status()).as(call.message()).isEqualTo(Invocation.Status.COMPLETED);
        return ((Content.Text) call.result().content().get(0)).text();
    }

    @Test
    void aReloadSwapsTheAnswersInOneRegistryGeneration() {
        plugin("greet", "", answering("greet", "v1", 0));
        host.start(scan());
        assertThat(call("greet")).isEqualTo("v1");
        long before = host.registry().generation();

        plugin("greet", "", answering("greet", "v2", 0));
        ReloadReport report = host.reload(scan(), Set.of("greet"));

        assertThat(report.ok()).isTrue();
        assertThat(report.reloaded()).containsEntry("greet", 2L);
        assertThat(report.registryGeneration()).isEqualTo(before + 1);
        assertThat(call("greet")).isEqualTo("v2");
        assertThat(host.dispatchCommand("/greet-version", "console", null).userText())
                .hasValue("v2");
        assertThat(host.commands().commands())
                .filteredOn(c -> "greet".equals(c.pluginId()))
                .hasSize(1);
        assertThat(host.states()).containsEntry("greet", PluginState.ACTIVE);
        assertThat(host.generationOf("greet")).hasValue(2);
        assertThat(report.lines()).containsExactly("reloaded greet (generation 2)");
    }

    @Test
    void aNewVersionThatFailsToActivateLeavesTheOldOneServingAndSaysWhy() {
        plugin("greet", "", answering("greet", "v1", 0));
        host.start(scan());
        long before = host.registry().generation();

        plugin(
                "greet",
                "",
                "public void activate(PluginContext c) { throw new IllegalStateException(\"no config\"); }");
        ReloadReport report = host.reload(scan(), Set.of("greet"));

        assertThat(report.ok()).isFalse();
        assertThat(report.failed().get("greet"))
                .startsWith("the new version of plugin 'greet' did not activate, so the running version keeps serving:")
                .contains("no config");
        assertThat(call("greet")).isEqualTo("v1");
        assertThat(host.registry().generation()).isEqualTo(before);
        assertThat(host.generationOf("greet")).hasValue(1);
        assertThat(host.reports()).extracting(Diagnostic::code).contains("host.reload-failed");
    }

    @Test
    void aNewVersionWhoseJarIsBrokenLeavesTheOldOneServing() throws IOException {
        plugin("greet", "", answering("greet", "v1", 0));
        host.start(scan());

        Files.writeString(Fixtures.homePlugins(layout).resolve("greet/lib/greet.jar"), "half a jar");
        ReloadReport report = host.reload(scan(), Set.of("greet"));

        assertThat(report.failed()).containsKey("greet");
        assertThat(call("greet")).isEqualTo("v1");
    }

    @Test
    void aHalfSavedManifestLeavesTheRunningVersionServing() {
        plugin("greet", "", answering("greet", "v1", 0));
        host.start(scan());

        Fixtures.file(Fixtures.homePlugins(layout).resolve("greet/pincer-plugin.json"), "{\"id\": \"greet\", \"vers");
        ReloadReport report = host.reload(scan(), Set.of("greet"));

        assertThat(report.failed().get("greet"))
                .startsWith("the new version of plugin 'greet' is failed (")
                .endsWith("so the running version keeps serving");
        assertThat(report.stopped()).isEmpty();
        assertThat(call("greet")).isEqualTo("v1");
        assertThat(host.states()).containsEntry("greet", PluginState.ACTIVE);
    }

    @Test
    void aNewVersionTakingAnotherPluginsToolNameIsRefusedAndTheOldOneKept() {
        plugin("greet", "", answering("greet", "v1", 0));
        plugin("other", "", answering("shout", "other", 0));
        host.start(scan());

        plugin("greet", "", answering("shout", "v2", 0));
        ReloadReport report = host.reload(scan(), Set.of("greet"));

        assertThat(report.failed().get("greet")).contains("plugin 'other' already owns it");
        assertThat(call("greet")).isEqualTo("v1");
        assertThat(call("shout")).isEqualTo("other");
    }

    @Test
    void aCallRunningDuringTheReloadFinishesOnTheOldGenerationAndTheNextGoesToTheNew() throws Exception {
        plugin("slow", "", answering("slow", "v1", 700));
        host.start(scan());

        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> call("slow"));
        Thread.sleep(150);
        plugin("slow", "", answering("slow", "v2", 0));
        ReloadReport report = host.reload(scan(), Set.of("slow"));

        assertThat(report.reloaded()).containsEntry("slow", 2L);
        assertThat(running).isDone();
        assertThat(running.get()).isEqualTo("v1");
        assertThat(call("slow")).isEqualTo("v2");
    }

    @Test
    void theOldGenerationsClassLoaderIsFreedAndItsJarCopiesDeleted() throws Exception {
        plugin("greet", "", answering("greet", "v1", 0));
        host.start(scan());
        WeakReference<ClassLoader> old = new WeakReference<>(loaderOf("greet"));
        assertThat(jarCopies()).hasSize(1);

        plugin("greet", "", answering("greet", "v2", 0));
        host.reload(scan(), Set.of("greet"));

        assertThat(jarCopies()).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (old.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(old.get())
                .as("the old generation's class loader was garbage-collected")
                .isNull();
        assertThat(loaderOf("greet")).isNotNull();
    }

    @Test
    void dependantsAreReloadedWithTheirDependencyAsOneChange() {
        plugin("base", "", answering("base", "base v1", 0));
        plugin("app", ",\"dependencies\":{\"base\":\"^1.0.0\"}", answering("app", "app v1", 0));
        host.start(scan());
        long before = host.registry().generation();

        plugin("base", "", answering("base", "base v2", 0));
        ReloadReport report = host.reload(scan(), Set.of("base"));

        assertThat(report.reloaded()).containsOnlyKeys("base", "app");
        assertThat(report.registryGeneration()).isEqualTo(before + 1);
        assertThat(call("base")).isEqualTo("base v2");
        assertThat(call("app")).isEqualTo("app v1");
        assertThat(host.generationOf("app")).hasValue(2);
    }

    @Test
    void aRemovedPluginStopsAndANewOneStarts() throws IOException {
        plugin("greet", "", answering("greet", "v1", 0));
        host.start(scan());

        deleteTree(Fixtures.homePlugins(layout).resolve("greet"));
        plugin("fresh", "", answering("fresh", "new", 0));
        ReloadReport report = host.reload(scan(), List.of("greet", "fresh"));

        assertThat(report.stopped()).containsExactly("greet");
        assertThat(report.started()).containsExactly("fresh");
        assertThat(host.tools().invoke("greet", Map.of(), null).status()).isEqualTo(Invocation.Status.UNKNOWN_TOOL);
        assertThat(call("fresh")).isEqualTo("new");
        assertThat(host.states()).containsEntry("greet", PluginState.INACTIVE);
    }

    @Test
    void aPluginDisabledInConfigStopsAndItsToolSaysWhy() {
        plugin("greet", "", answering("greet", "v1", 0));
        host.start(scan());

        Fixtures.file(layout.homeConfig(), "[plugins.entries.greet]\nenabled = false\n");
        ReloadReport report = host.reload(scan(), Set.of("greet"));

        assertThat(report.stopped()).containsExactly("greet");
        assertThat(report.notRunning().get("greet")).startsWith("disabled");
        assertThat(host.states()).containsEntry("greet", PluginState.DISABLED);
        Invocation refused = host.tools().invoke("greet", Map.of(), null);
        assertThat(refused.message()).startsWith("tool 'greet' belongs to plugin 'greet', which is disabled");
    }

    @Test
    void publishingAgainReplacesWhatTheHostOffersInOneGeneration() {
        host.publish(
                "pincer:test",
                c -> c.registerCommand(
                        dev.pincer.api.command.CommandSpec.noArgs("ping", "pings"),
                        inv -> dev.pincer.api.command.CommandResult.reply("one")));
        long before = host.registry().generation();

        host.publish(
                "pincer:test",
                c -> c.registerCommand(
                        dev.pincer.api.command.CommandSpec.noArgs("ping", "pings"),
                        inv -> dev.pincer.api.command.CommandResult.reply("two")));

        assertThat(host.registry().generation()).isEqualTo(before + 1);
        assertThat(host.dispatchCommand("/ping", "console", null).userText()).hasValue("two");
        assertThat(host.registry().ownedBy("pincer:test")).hasSize(1);
    }

    private ClassLoader loaderOf(String tool) {
        RegistrySnapshot snapshot = host.registry();
        return snapshot.find(CapabilityKind.TOOL, tool)
                .orElseThrow()
                .valueAs(ToolEntry.class)
                .loader();
    }

    private List<Path> jarCopies() throws IOException {
        Path root = dir.resolve("data").resolve(".jars");
        try (Stream<Path> s = Files.list(root)) {
            return s.toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}
