package dev.pincer.mcp.runtime;

import dev.pincer.api.tool.Caller;
import dev.pincer.api.tool.Content;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.host.ToolRequest;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.Approval;
import dev.pincer.core.permissions.ApprovalBook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A real host with the mcp runtime over plugin folders in a temporary home, for the tests of this
 * module; the npm peers come from the {@code pincer.mcpPeers} system property.
 */
final class McpHost implements AutoCloseable {

    static final Path PEERS = Path.of(System.getProperty(
                    "pincer.mcpPeers",
                    Path.of("..", "tools", "mcp-peers", "node_modules").toString()))
            .toAbsolutePath()
            .normalize();
    static final Path EVERYTHING = PEERS.resolve("@modelcontextprotocol/server-everything/dist/index.js");
    static final Path FILESYSTEM = PEERS.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");

    final Path home;
    final Path workspace;
    final Path data;
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final McpRuntime runtime;
    final PluginHost host;

    McpHost(Path dir, McpSettings settings, GuardSettings guards, Map<String, String> env) {
        this.home = dir.resolve("home");
        this.workspace = dir.resolve("work");
        this.data = dir.resolve("data");
        try {
            Files.createDirectories(home.resolve("plugins"));
            Files.createDirectories(workspace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AuditSink sink = audit::add;
        this.runtime = new McpRuntime(System.getenv(), settings);
        HostSecurity security = new HostSecurity(
                sink,
                since -> java.math.BigDecimal.ZERO,
                Guards.create(guards, sink, env),
                dir.resolve("user"),
                workspace);
        this.host = new PluginHost(HostSettings.defaults(data), Clock.systemUTC(), security, List.of(runtime));
    }

    McpHost(Path dir) {
        this(dir, McpSettings.defaults(), GuardSettings.defaults(), Map.of());
    }

    /** Writes a plugin folder {@code id} with {@code manifest}, and the test's fake server as server.mjs. */
    Path plugin(String id, String manifest) {
        Path folder = home.resolve("plugins").resolve(id);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("pincer-plugin.json"), manifest);
            try (InputStream fake = McpHost.class.getResourceAsStream("fake-server.mjs")) {
                Files.copy(fake, folder.resolve("server.mjs"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Returns a manifest for an mcp plugin with {@code runtime} (a JSON object) and {@code extra} members. */
    static String manifest(String id, String runtime, String extra) {
        return "{\"id\": \"" + id + "\", \"version\": \"0.1.0\", \"runtime\": " + runtime
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /** Returns a JSON string literal of {@code text}. */
    static String quote(Object text) {
        return "\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    McpHost start(ApprovalBook approvals) {
        Catalog catalog = PluginCatalog.create(SemanticVersion.of("0.1.0"))
                .scan(new HostLayout(home, workspace, null, Map.of()), approvals);
        host.start(catalog);
        return this;
    }

    McpHost start() {
        return start(ApprovalBook.EMPTY);
    }

    /** Returns a book in which a person approved {@code granted} for version 0.1.0 of {@code pluginId}. */
    static ApprovalBook approving(String pluginId, Permissions granted) {
        Approval approval = new Approval(pluginId, "0.1.0", granted, Instant.parse("2026-01-01T00:00:00Z"), "tester");
        return new ApprovalBook() {
            @Override
            public Optional<Approval> find(String id, String version) {
                return latest(id);
            }

            @Override
            public Optional<Approval> latest(String id) {
                return id.equals(pluginId) ? Optional.of(approval) : Optional.empty();
            }
        };
    }

    Invocation call(String tool, Map<String, Object> arguments) {
        return call(tool, arguments, Caller.NONE);
    }

    Invocation call(String tool, Map<String, Object> arguments, Caller caller) {
        return host.tools().invoke(new ToolRequest(tool, arguments, "s", "test", true, caller));
    }

    /** Returns the text items of a call's result, or its status and message when it has none. */
    static String text(Invocation invocation) {
        if (invocation.result() == null) {
            return invocation.status().label() + ": " + invocation.message();
        }
        return invocation.result().content().stream()
                .filter(c -> c instanceof Content.Text)
                .map(c -> ((Content.Text) c).text())
                .collect(Collectors.joining());
    }

    /** Returns every diagnostic the host reported, one per line. */
    String reports() {
        return host.reports().stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
    }

    /** Returns the live child processes whose command line mentions {@code marker}. */
    static List<ProcessHandle> children(String marker) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    /** Waits up to {@code limit} for {@code condition}; returns whether it came true. */
    static boolean waitFor(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        host.close();
        runtime.close();
    }
}
