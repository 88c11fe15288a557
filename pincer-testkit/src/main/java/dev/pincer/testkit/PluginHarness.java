package dev.pincer.testkit;

import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.PincerVersion;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.check.CheckReport;
import dev.pincer.core.check.PluginCheck;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.hooks.HookResult;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs plugin folders in a real Pincer host, in a private temporary home, so a plugin's own tests
 * exercise exactly what users will: manifest checks, resolution, class-loader isolation, the
 * invocation path, guards and policy, hooks, commands and services.
 *
 * <p>Host services are faked so tests are hermetic and can assert on them: HTTP goes through the
 * real guard to a {@link FakeHttp}, the audit log is kept in memory ({@link #audit()}), the
 * environment holds only what the test sets (and {@code PATH}), and the clock is a {@link
 * TestClock}. Nothing is written outside the temporary home, which {@link #close()} deletes.
 *
 * <p>Not thread-safe for starting and closing; tool calls may run concurrently.
 *
 * @since 0.1.0
 */
public final class PluginHarness implements AutoCloseable {

    private final HarnessSetup setup;
    private final Path scratch;
    private final Catalog catalog;
    private final PluginHost host;
    private final RecordingAudit audit;

    private PluginHarness(HarnessSetup setup, Path scratch, Catalog catalog, PluginHost host, RecordingAudit audit) {
        this.setup = setup;
        this.scratch = scratch;
        this.catalog = catalog;
        this.host = host;
        this.audit = audit;
    }

    /**
     * Checks and starts the plugins in {@code pluginFolders} (each a folder holding a {@code
     * pincer-plugin.json}) with {@code configToml} as the home config (may be empty), approving what
     * they ask for.
     *
     * @throws AssertionError naming every error when a plugin does not resolve or activate
     */
    public static PluginHarness start(String configToml, Path... pluginFolders) {
        return builder().config(configToml).plugins(pluginFolders).start();
    }

    /** Returns a builder, for fakes and approvals other than the defaults. */
    public static HarnessBuilder builder() {
        return new HarnessBuilder();
    }

    /** Starts the harness {@code setup} describes; see {@link HarnessBuilder#start()}. */
    static PluginHarness start(HarnessSetup setup) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("pincer-testkit");
            String paths = setup.folders().stream()
                    .map(p -> "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\") + "\"")
                    .collect(Collectors.joining(", "));
            Files.writeString(scratch.resolve("config.toml"), "[plugins]\npaths = [" + paths + "]\n" + setup.config());
            Files.createDirectories(scratch.resolve("workspace"));
            Files.createDirectories(scratch.resolve("user"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HostLayout layout = new HostLayout(scratch, scratch.resolve("workspace"), null, setup.env());
        PluginCatalog plugins = PluginCatalog.create(PincerVersion.current());
        Catalog catalog;
        try {
            catalog = plugins.scan(layout, setup.approving().book(plugins.scan(layout)));
        } catch (RuntimeException e) {
            delete(scratch);
            throw e;
        }
        RecordingAudit audit = new RecordingAudit();
        HostSecurity security = new HostSecurity(
                audit,
                since -> BigDecimal.ZERO,
                guards(setup, audit),
                scratch.resolve("user"),
                scratch.resolve("workspace"));
        PluginHost host = new PluginHost(HostSettings.defaults(scratch.resolve("data")), setup.clock(), security);
        PluginHarness harness = new PluginHarness(setup, scratch, catalog, host, audit);
        host.start(catalog);
        List<String> errors = new ArrayList<>();
        catalog.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> errors.add(describe(d)));
        host.reports().stream().filter(Diagnostic::isError).forEach(d -> errors.add(describe(d)));
        if (!errors.isEmpty()) {
            harness.close();
            throw new AssertionError("the plugins did not start cleanly:\n  " + String.join("\n  ", errors));
        }
        return harness;
    }

    private static Guards guards(HarnessSetup setup, dev.pincer.core.audit.AuditSink audit) {
        return new Guards(
                GuardSettings.defaults(),
                audit,
                setup.env(),
                setup.clock(),
                setup.http().resolver(),
                setup.http());
    }

    /**
     * Calls {@code tool} and returns its result.
     *
     * @throws AssertionError with Pincer's message when the call did not complete
     */
    public ToolResult call(String tool, Map<String, Object> arguments) {
        Invocation invocation = invoke(tool, arguments);
        if (invocation.status() != Invocation.Status.COMPLETED) {
            throw new AssertionError(
                    "call to '" + tool + "' ended " + invocation.status().label() + ": " + invocation.message());
        }
        return invocation.result();
    }

    /** Calls {@code tool} and returns the whole outcome, for tests of refusals and failures. */
    public Invocation invoke(String tool, Map<String, Object> arguments) {
        return host.tools().invoke(tool, arguments, null);
    }

    /** Returns the text of a result's content items, one per line. */
    public static String text(ToolResult result) {
        return result.content().stream()
                .map(c -> c instanceof Content.Text t ? t.text() : c.toString())
                .collect(Collectors.joining("\n"));
    }

    /** Runs a slash command line, e.g. {@code "/hello Ada"}, and returns what a user would read. */
    public String command(String line) {
        return host.dispatchCommand(line, "testkit", null).userText().orElse("");
    }

    /**
     * Fires hook point {@code point} with {@code event} through every registered handler, as the
     * host would, and returns the outcome: the event as handlers left it, and whether one blocked,
     * cancelled or claimed it.
     */
    public <E> HookResult<E> hook(HookPoint<E> point, E event) {
        return host.hooks().fire(point, event);
    }

    /**
     * Fires the hook point named {@code name} (as in manifests, e.g. {@code "before_tool_call"})
     * with {@code event}; see {@link #hook(HookPoint, Object)}.
     *
     * @throws IllegalArgumentException if there is no such hook point, or {@code event} is not of
     *     its event type
     */
    public HookResult<?> hook(String name, Object event) {
        HookPoint<?> point = HookPoint.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("there is no hook point '" + name + "'; the points are "
                        + HookPoint.all().stream().map(HookPoint::name).toList()));
        return fire(point, event);
    }

    private <E> HookResult<E> fire(HookPoint<E> point, Object event) {
        if (!point.eventType().isInstance(event)) {
            throw new IllegalArgumentException("hook point '" + point.name() + "' takes a "
                    + point.eventType().getSimpleName() + ", not "
                    + (event == null ? "null" : "a " + event.getClass().getSimpleName()));
        }
        return hook(point, point.eventType().cast(event));
    }

    /**
     * Returns every audit record so far, oldest first: activations, tool calls, and each use of a
     * guarded host service (HTTP, files, environment, processes), allowed or denied.
     */
    public List<AuditEvent> audit() {
        return audit.events();
    }

    /** Returns the audit records of denied uses, oldest first. */
    public List<AuditEvent> denials() {
        return audit.events().stream()
                .filter(e -> e.decision() == AuditEvent.Decision.DENIED)
                .toList();
    }

    /** Returns the fake network the plugins' HTTP requests reach once the guard lets them through. */
    public FakeHttp http() {
        return setup.http();
    }

    /** Returns the clock the host runs on. */
    public java.time.Clock clock() {
        return setup.clock();
    }

    /**
     * Runs the checks of {@code pincer plugins test} on the first plugin folder, in a host of its
     * own with the same config, environment and fake network, and returns the report.
     */
    public CheckReport check() {
        return PluginCheck.builder(PincerVersion.current())
                .environment(setup.env())
                .homeConfig(setup.config())
                .clock(setup.clock())
                .audit(audit)
                .guards(sink -> guards(setup, sink))
                .build()
                .run(setup.folders().get(0));
    }

    /** Returns the plugin's state in the host. */
    public PluginState state(String pluginId) {
        return host.states().get(pluginId);
    }

    /** Returns the catalog the harness started from. */
    public Catalog catalog() {
        return catalog;
    }

    /** Returns the running host, for what the harness does not wrap. */
    public PluginHost host() {
        return host;
    }

    /** Stops every plugin and deletes the private home folder. */
    @Override
    public void close() {
        host.close();
        delete(scratch);
    }

    private static void delete(Path scratch) {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Diagnostic d) {
        return (d.pluginId() == null ? "" : d.pluginId() + ": ")
                + d.message()
                + (d.hint() == null ? "" : " (" + d.hint() + ")");
    }
}
