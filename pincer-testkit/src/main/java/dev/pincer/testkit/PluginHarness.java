package dev.pincer.testkit;

import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.PincerVersion;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.permissions.Approval;
import dev.pincer.core.permissions.ApprovalBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs plugin folders in a real Pincer host, in a private home folder, so a plugin's own tests
 * exercise exactly what users will: manifest checks, resolution, class-loader isolation, the
 * invocation path, hooks, commands and services.
 *
 * <p>Not thread-safe for starting and closing; tool calls may run concurrently.
 *
 * @since 0.1.0
 */
public final class PluginHarness implements AutoCloseable {

    private final Path scratch;
    private final Catalog catalog;
    private final PluginHost host;

    private PluginHarness(Path scratch, Catalog catalog, PluginHost host) {
        this.scratch = scratch;
        this.catalog = catalog;
        this.host = host;
    }

    /**
     * Checks and starts the plugins in {@code pluginFolders} (each a folder holding a
     * {@code pincer-plugin.json}) with {@code configToml} as the home config (may be empty).
     *
     * @throws AssertionError naming every error when a plugin does not resolve or activate
     */
    public static PluginHarness start(String configToml, Path... pluginFolders) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("pincer-testkit");
            String paths = Stream.of(pluginFolders)
                    .map(p -> "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\") + "\"")
                    .collect(Collectors.joining(", "));
            Files.writeString(scratch.resolve("config.toml"), "[plugins]\npaths = [" + paths + "]\n" + configToml);
            Files.createDirectories(scratch.resolve("workspace"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HostLayout layout = new HostLayout(scratch, scratch.resolve("workspace"), null, System.getenv());
        PluginCatalog plugins = PluginCatalog.create(PincerVersion.current());
        Catalog catalog = plugins.scan(layout, approvingRequests(plugins.scan(layout)));
        PluginHost host = new PluginHost(HostSettings.defaults(scratch.resolve("data")), Clock.systemUTC());
        PluginHarness harness = new PluginHarness(scratch, catalog, host);
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

    /**
     * Returns a book in which each plugin of {@code unapproved} has what it asks for approved: the
     * author running the test stands in for the person who approves.
     */
    private static ApprovalBook approvingRequests(Catalog unapproved) {
        Map<String, Approval> approvals = new HashMap<>();
        for (CatalogEntry entry : unapproved.entries()) {
            entry.manifest()
                    .ifPresent(m -> approvals.put(
                            m.id(),
                            new Approval(
                                    m.id(),
                                    m.version().text(),
                                    entry.requestedPermissions(),
                                    Instant.EPOCH,
                                    "pincer-testkit")));
        }
        return new ApprovalBook() {
            @Override
            public Optional<Approval> find(String pluginId, String version) {
                return latest(pluginId).filter(a -> a.version().equals(version));
            }

            @Override
            public Optional<Approval> latest(String pluginId) {
                return Optional.ofNullable(approvals.get(pluginId));
            }
        };
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
