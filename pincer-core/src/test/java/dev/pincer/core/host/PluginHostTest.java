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
import dev.pincer.core.runtime.jvm.TestJars;
import dev.pincer.core.services.ServiceState;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

    @TempDir
    Path dir;

    private HostLayout layout;
    private PluginHost host;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
        HostSettings defaults = HostSettings.defaults(dir.resolve("data"));
        host = new PluginHost(
                new HostSettings(
                        defaults.dataRoot(),
                        Duration.ofMillis(800),
                        Duration.ofMillis(800),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500),
                        4,
                        16,
                        Duration.ofSeconds(2)),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    /** Writes a plugin folder whose jar holds {@code className} with {@code body} as its class body. */
    private void plugin(String id, String manifestExtra, String className, String body) {
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                id,
                "{\"id\":\"" + id + "\",\"version\":\"1.0.0\"," + "\"runtime\":{\"type\":\"jvm\",\"main\":\""
                        + className + "\"}" + manifestExtra + "}");
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String simple = className.substring(className.lastIndexOf('.') + 1);
        TestJars.jar()
                .source(
                        className,
                        "package " + pkg + ";\n"
                                + "import dev.pincer.api.*; import dev.pincer.api.tool.*; import dev.pincer.api.hook.*;"
                                + " import dev.pincer.api.command.*; import java.util.*;\n"
                                + "public class " + simple + " implements Plugin {\n" + body + "\n}\n")
                .writeTo(folder.resolve("lib").resolve(id + ".jar"));
    }

    private static String echoTool(String name) {
        return "public void activate(PluginContext c) { c.registerTool(ToolSpec.of(\"" + name + "\", \"echo\")"
                + ".withInputSchema(\"{\\\"type\\\":\\\"object\\\",\\\"properties\\\":{\\\"text\\\":{\\\"type\\\":"
                + "\\\"string\\\"}},\\\"required\\\":[\\\"text\\\"]}\"),"
                + " call -> ToolResult.text(\"echo: \" + call.arguments().get(\"text\"))); }";
    }

    private Catalog start() {
        Catalog catalog = PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout);
        host.start(catalog);
        return catalog;
    }

    private static String text(Invocation invocation) {
        return ((Content.Text) invocation.result().content().get(0)).text();
    }

    @Test
    void activatesAJarPluginAndItsToolAnswers() {
        plugin("echo", ",\"provides\":{\"tools\":[{\"name\":\"echo\"}]}", "com.acme.Echo", echoTool("echo"));
        start();

        Invocation call = host.tools().invoke("echo", Map.of("text", "hi"), null);

        assertThat(call.status()).isEqualTo(Invocation.Status.COMPLETED);
        assertThat(text(call)).isEqualTo("echo: hi");
        assertThat(call.pluginId()).isEqualTo("echo");
        assertThat(host.states()).containsEntry("echo", PluginState.ACTIVE);
        assertThat(host.registry().shapeOf("echo").describe()).isEqualTo("tools only");
        assertThat(host.reports()).isEmpty();
    }

    @Test
    void badArgumentsNameTheFailingFieldAndUnknownToolsSuggestOne() {
        plugin("echo", "", "com.acme.Echo", echoTool("echo"));
        start();

        Invocation bad = host.tools().invoke("echo", Map.of("text", 42), null);
        Invocation unknown = host.tools().invoke("ecko", Map.of(), null);

        assertThat(bad.status()).isEqualTo(Invocation.Status.INVALID_ARGUMENTS);
        assertThat(bad.message()).startsWith("arguments of 'echo' do not match its input schema: /text:");
        assertThat(unknown.status()).isEqualTo(Invocation.Status.UNKNOWN_TOOL);
        assertThat(unknown.message()).isEqualTo("no tool named 'ecko'; did you mean 'echo'?");
    }

    @Test
    void aGateHookOfAnotherPluginCanRewriteOrBlockACall() {
        plugin("echo", "", "com.acme.Echo", echoTool("echo"));
        plugin(
                "censor",
                "",
                "com.acme.Censor",
                """
                public void activate(PluginContext c) {
                  c.on(HookPoint.BEFORE_TOOL_CALL, e -> {
                    Object t = e.call().arguments().get("text");
                    if ("secret".equals(t)) return HookOutcome.block("no secrets");
                    Map<String, Object> a = new HashMap<>(e.call().arguments());
                    a.put("text", String.valueOf(t).toUpperCase());
                    return HookOutcome.replace(e.withArguments(a));
                  });
                }""");
        start();

        assertThat(text(host.tools().invoke("echo", Map.of("text", "hi"), null)))
                .isEqualTo("echo: HI");
        Invocation blocked = host.tools().invoke("echo", Map.of("text", "secret"), null);
        assertThat(blocked.status()).isEqualTo(Invocation.Status.BLOCKED);
        assertThat(blocked.message()).isEqualTo("call to 'echo' was blocked by plugin 'censor': no secrets");
    }

    @Test
    void aHookTimeoutConfiguredForThePluginBoundsItsHandlers() {
        plugin("echo", "", "com.acme.Echo", echoTool("echo"));
        plugin(
                "slowgate",
                "",
                "com.acme.SlowGate",
                "public void activate(PluginContext c) { c.on(HookPoint.BEFORE_TOOL_CALL, e -> {"
                        + " Thread.sleep(1_000); return HookOutcome.proceed(); }); }");
        Fixtures.file(layout.homeConfig(), "[plugins.entries.slowgate]\nhookTimeout = \"150ms\"\n");
        start();

        Invocation call = host.tools().invoke("echo", Map.of("text", "hi"), null);

        assertThat(call.status()).isEqualTo(Invocation.Status.BLOCKED);
        assertThat(call.message()).contains("slowgate").contains("150 ms");
    }

    @Test
    void pluginsThatThrowOrHangInActivateFailAndTheOthersWork() {
        plugin(
                "thrower",
                "",
                "com.acme.Thrower",
                "public void activate(PluginContext c) { throw new IllegalStateException(\"no config\"); }");
        plugin(
                "hanger",
                "",
                "com.acme.Hanger",
                "public void activate(PluginContext c) throws Exception { Thread.sleep(60_000); }");
        plugin("echo", "", "com.acme.Echo", echoTool("echo"));
        start();

        assertThat(host.states())
                .containsEntry("thrower", PluginState.FAILED)
                .containsEntry("hanger", PluginState.FAILED)
                .containsEntry("echo", PluginState.ACTIVE);
        assertThat(host.reports())
                .filteredOn(d -> d.code().equals("host.activation-failed"))
                .extracting(Diagnostic::message)
                .containsExactlyInAnyOrder(
                        "plugin 'thrower' failed in activate: IllegalStateException: no config",
                        "plugin 'hanger' did not finish activate within 800 ms; it was interrupted");
        assertThat(text(host.tools().invoke("echo", Map.of("text", "still here"), null)))
                .isEqualTo("echo: still here");
    }

    @Test
    void pluginsThatThrowOrHangInDeactivateAreStillUnloadedAndReported() {
        plugin(
                "bad-exit",
                "",
                "com.acme.BadExit",
                echoTool("one")
                        .replace(
                                "); }",
                                "); } public void deactivate() { throw new IllegalStateException(\"cannot let go\"); }"));
        plugin(
                "slow-exit",
                "",
                "com.acme.SlowExit",
                echoTool("two")
                        .replace("); }", "); } public void deactivate() throws Exception { Thread.sleep(60_000); }"));
        plugin("echo", "", "com.acme.Echo", echoTool("echo"));
        start();

        host.deactivate("bad-exit");
        host.deactivate("slow-exit");

        assertThat(host.states())
                .containsEntry("bad-exit", PluginState.FAILED)
                .containsEntry("slow-exit", PluginState.FAILED);
        assertThat(host.registry().ownedBy("bad-exit")).isEmpty();
        assertThat(host.registry().ownedBy("slow-exit")).isEmpty();
        assertThat(host.reports())
                .extracting(Diagnostic::message)
                .contains(
                        "plugin 'bad-exit' failed in deactivate: IllegalStateException: cannot let go",
                        "plugin 'slow-exit' did not finish deactivate within 800 ms; it was interrupted");
        assertThat(text(host.tools().invoke("echo", Map.of("text", "on"), null)))
                .isEqualTo("echo: on");
    }

    @Test
    void toolsThatThrowOrHangReportItAndThePluginStaysActive() {
        plugin(
                "flaky",
                ",\"resources\":{\"timeout\":\"200ms\"}",
                "com.acme.Flaky",
                """
                public void activate(PluginContext c) {
                  c.registerTool(ToolSpec.of("boom", "throws"), call -> { throw new IllegalArgumentException("bad day"); });
                  c.registerTool(ToolSpec.of("stuck", "hangs"), call -> { Thread.sleep(60_000); return null; });
                }""");
        start();

        Invocation boom = host.tools().invoke("boom", Map.of(), null);
        Invocation stuck = host.tools().invoke("stuck", Map.of(), null);

        assertThat(boom.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(boom.message()).isEqualTo("plugin 'flaky' failed in tool: IllegalArgumentException: bad day");
        assertThat(stuck.status()).isEqualTo(Invocation.Status.TIMED_OUT);
        assertThat(stuck.message()).isEqualTo("plugin 'flaky' did not finish tool within 200 ms; it was interrupted");
        assertThat(host.states()).containsEntry("flaky", PluginState.ACTIVE);
    }

    @Test
    void aPluginAtItsConcurrencyLimitIsReportedBusy() throws Exception {
        plugin("slow", ",\"resources\":{\"concurrency\":1,\"timeout\":\"200ms\"}", "com.acme.Slow", echoTool("wait"));
        start();
        var permits = host.registry()
                .find(CapabilityKind.TOOL, "wait")
                .orElseThrow()
                .valueAs(ToolEntry.class)
                .permits();
        assertThat(permits.availablePermits()).isEqualTo(1);

        permits.acquire();
        Invocation busy;
        try {
            busy = host.tools().invoke("wait", Map.of("text", "x"), null);
        } finally {
            permits.release();
        }

        assertThat(busy.status()).isEqualTo(Invocation.Status.BUSY);
        assertThat(busy.message())
                .isEqualTo("plugin 'slow' is busy: all its call slots stayed taken for 200 ms; try" + " again later");
        assertThat(host.tools().invoke("wait", Map.of("text", "x"), null).status())
                .isEqualTo(Invocation.Status.COMPLETED);
    }

    @Test
    void callsThatHangAndIgnoreInterruptsKeepTheirSlotSoThreadsCannotPileUp() {
        plugin(
                "stubborn",
                ",\"resources\":{\"concurrency\":1,\"timeout\":\"200ms\"}",
                "com.acme.Stubborn",
                """
                public void activate(PluginContext c) {
                  c.registerTool(ToolSpec.of("stuck", "ignores interrupts for 3 s"), call -> {
                    long end = System.nanoTime() + 3_000_000_000L;
                    while (System.nanoTime() < end) {
                      try { Thread.sleep(50); } catch (InterruptedException ignored) { }
                    }
                    return ToolResult.text("late");
                  });
                }""");
        start();

        Invocation first = host.tools().invoke("stuck", Map.of(), null);
        Invocation second = host.tools().invoke("stuck", Map.of(), null);

        assertThat(first.status()).isEqualTo(Invocation.Status.TIMED_OUT);
        assertThat(second.status()).isEqualTo(Invocation.Status.BUSY);
        assertThat(second.message()).startsWith("plugin 'stubborn' is busy");
    }

    @Test
    void registrationsThatDifferFromTheManifestAreReported() {
        plugin(
                "drift",
                ",\"provides\":{\"tools\":[{\"name\":\"declared\"}]}",
                "com.acme.Drift",
                echoTool("undeclared"));
        start();

        assertThat(host.reports())
                .extracting(Diagnostic::code)
                .contains("registry.undeclared", "registry.unregistered");
        assertThat(host.reports())
                .filteredOn(d -> d.code().equals("registry.undeclared"))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("undeclared"));
    }

    @Test
    void aToolNameTakenByAnotherPluginIsRefusedNamingBothOwners() {
        plugin("first", "", "com.acme.First", echoTool("search"));
        plugin(
                "second",
                "",
                "com.acme.Second",
                """
                public void activate(PluginContext c) {
                  try { c.registerTool(ToolSpec.of("search", "mine"), call -> ToolResult.text("second")); }
                  catch (PluginException e) { c.registerTool(ToolSpec.of("search2", "fallback"), call -> ToolResult.text(e.getMessage())); }
                }""");
        start();

        assertThat(host.registry().owner(CapabilityKind.TOOL, "search")).contains("first");
        assertThat(host.reports())
                .filteredOn(d -> d.code().equals("registry.duplicate"))
                .singleElement()
                .satisfies(d -> assertThat(d.message())
                        .contains("'first'")
                        .contains("'second'")
                        .contains("search"));
        assertThat(text(host.tools().invoke("search2", Map.of(), null))).contains("first");
    }

    @Test
    void aLazyPluginIsActivatedByTheFirstCallToATool() {
        plugin(
                "lazy",
                ",\"activation\":{\"mode\":\"lazy\"},\"provides\":{\"tools\":[{\"name\":\"later\"}]}",
                "com.acme.Lazy",
                echoTool("later"));
        start();

        assertThat(host.states()).containsEntry("lazy", PluginState.RESOLVED);
        assertThat(host.lazyTools()).containsEntry("later", "lazy");
        assertThat(text(host.tools().invoke("later", Map.of("text", "now"), null)))
                .isEqualTo("echo: now");
        assertThat(host.states()).containsEntry("lazy", PluginState.ACTIVE);
    }

    @Test
    void aLazyPluginIsActivatedByTheFirstUseOfACommand() {
        plugin(
                "lazy-cmd",
                ",\"activation\":{\"mode\":\"lazy\"},\"provides\":{\"commands\":[{\"name\":\"wake\"}]}",
                "com.acme.LazyCmd",
                "public void activate(PluginContext c) { c.registerCommand(CommandSpec.noArgs(\"wake\", \"w\"),"
                        + " inv -> CommandResult.reply(\"awake\")); }");
        start();

        assertThat(host.states()).containsEntry("lazy-cmd", PluginState.RESOLVED);
        assertThat(host.dispatchCommand("/wake", "console", null).userText()).contains("awake");
        assertThat(host.states()).containsEntry("lazy-cmd", PluginState.ACTIVE);
    }

    @Test
    void deactivationReleasesTheClassLoader() throws Exception {
        plugin("echo", "", "com.acme.Echo", echoTool("echo"));
        start();
        WeakReference<ClassLoader> loader = new WeakReference<>(host.registry()
                .find(CapabilityKind.TOOL, "echo")
                .orElseThrow()
                .valueAs(ToolEntry.class)
                .loader());
        assertThat(text(host.tools().invoke("echo", Map.of("text", "x"), null))).isEqualTo("echo: x");

        host.deactivate("echo");

        assertThat(host.states()).containsEntry("echo", PluginState.INACTIVE);
        assertThat(host.registry().ownedBy("echo")).isEmpty();
        assertThat(host.tools().invoke("echo", Map.of("text", "x"), null).status())
                .isEqualTo(Invocation.Status.UNKNOWN_TOOL);
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(loader.get())
                .as("the plugin's class loader is still reachable after deactivation")
                .isNull();
    }

    @Test
    void commandsAndServicesRunThroughTheHost() {
        plugin(
                "svc",
                ",\"provides\":{\"commands\":[{\"name\":\"ping\"}],\"services\":[\"beat\"]}",
                "com.acme.Svc",
                """
                static volatile boolean running;
                public void activate(PluginContext c) {
                  c.registerCommand(CommandSpec.noArgs("ping", "answers"), inv -> CommandResult.reply("pong"));
                  c.registerService(new Service() {
                    public String name() { return "beat"; }
                    public void start() { running = true; }
                    public void stop() { running = false; }
                  });
                }""");
        start();

        assertThat(host.commands().dispatch("/ping", "console", null).userText())
                .contains("pong");
        assertThat(host.services()).singleElement().satisfies(s -> assertThat(s.state())
                .isEqualTo(ServiceState.RUNNING));
        assertThat(host.registry().shapeOf("svc").describe()).isEqualTo("commands and services");

        host.deactivate("svc");

        assertThat(host.commands().dispatch("/ping", "console", null).userText())
                .hasValueSatisfying(t -> assertThat(t).contains("/ping"));
        assertThat(host.services()).isEmpty();
    }

    @Test
    void twoPluginsMayEachHaveAServiceOfTheSameName() {
        String body =
                """
                public void activate(PluginContext c) {
                  c.registerService(new Service() {
                    public String name() { return "worker"; }
                    public void start() {}
                    public void stop() {}
                  });
                }""";
        String declared = ",\"provides\":{\"services\":[\"worker\"]}";
        plugin("one", declared, "com.acme.One", body);
        plugin("two", declared, "com.acme.Two", body);
        start();

        assertThat(host.services())
                .extracting(s -> s.pluginId() + "/" + s.name() + ":" + s.state())
                .containsExactlyInAnyOrder("one/worker:RUNNING", "two/worker:RUNNING");
        assertThat(host.reports()).isEmpty();
    }

    @Test
    void aDependantSeesTheExportedPackagesOfItsDependency() throws Exception {
        Path base = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "base",
                "{\"id\":\"base\",\"version\":\"1.0.0\","
                        + "\"runtime\":{\"type\":\"jvm\",\"main\":\"com.base.BasePlugin\",\"exports\":[\"com.base.api\"]}}");
        Path baseJar = TestJars.jar()
                .source(
                        "com.base.api.Greeter",
                        "package com.base.api; public class Greeter {"
                                + " public static String greet(String n) { return \"hello \" + n; } }")
                .source(
                        "com.base.BasePlugin",
                        "package com.base; public class BasePlugin implements"
                                + " dev.pincer.api.Plugin { public void activate(dev.pincer.api.PluginContext c) {} }")
                .writeTo(base.resolve("lib").resolve("base.jar"));
        Path user = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "user",
                "{\"id\":\"user\",\"version\":\"1.0.0\","
                        + "\"runtime\":{\"type\":\"jvm\",\"main\":\"com.user.UserPlugin\"},\"dependencies\":{\"base\":\"^1.0.0\"}}");
        TestJars.jar()
                .compiledAgainst(baseJar)
                .source(
                        "com.user.UserPlugin",
                        "package com.user; import dev.pincer.api.*; import dev.pincer.api.tool.*;"
                                + " public class UserPlugin implements Plugin { public void activate(PluginContext c) {"
                                + " c.registerTool(ToolSpec.of(\"greet\", \"g\"), call -> ToolResult.text("
                                + "com.base.api.Greeter.greet(\"ada\"))); } }")
                .writeTo(user.resolve("lib").resolve("user.jar"));
        start();

        assertThat(text(host.tools().invoke("greet", Map.of(), null))).isEqualTo("hello ada");

        host.deactivate("base");
        assertThat(host.states())
                .containsEntry("user", PluginState.INACTIVE)
                .containsEntry("base", PluginState.INACTIVE);
    }
}
