package dev.pincer.mcp.server;

import dev.pincer.api.Plugin;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.RuntimeType;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.ApprovalBook;
import dev.pincer.core.runtime.LoadRequest;
import dev.pincer.core.runtime.LoadedCode;
import dev.pincer.core.runtime.PluginRuntime;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real host over plugin folders in a temporary home, whose plugins are Java objects handed in by
 * the test (loaded by a test runtime for the {@code skills} type, which this module does not
 * otherwise run), served by a real bridge over real Streamable HTTP.
 */
final class BridgeHost implements AutoCloseable {

    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final PluginHost host;
    final McpBridge bridge;
    McpHttpServer server;
    private final Path home;
    private final Path workspace;
    private final Map<String, Plugin> plugins = new ConcurrentHashMap<>();

    BridgeHost(Path dir) {
        this.home = dir.resolve("home");
        this.workspace = dir.resolve("work");
        try {
            Files.createDirectories(home.resolve("plugins"));
            Files.createDirectories(workspace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AuditSink sink = audit::add;
        HostSecurity security = new HostSecurity(
                sink,
                since -> java.math.BigDecimal.ZERO,
                Guards.create(GuardSettings.defaults(), sink, Map.of()),
                dir.resolve("user"),
                workspace);
        this.host = new PluginHost(
                HostSettings.defaults(dir.resolve("data")), Clock.systemUTC(), security, List.of(new ObjectRuntime()));
        this.bridge = new McpBridge(host, "0.1.0-test", McpJsonDefaults.getMapper(), Duration.ofSeconds(10));
    }

    /** Adds a plugin folder for {@code plugin}, declaring {@code provides} (a JSON object's text). */
    BridgeHost plugin(String id, String provides, Plugin plugin) {
        plugins.put(id, plugin);
        Path folder = home.resolve("plugins").resolve(id);
        try {
            Files.createDirectories(folder.resolve("skills"));
            Files.writeString(
                    folder.resolve("pincer-plugin.json"),
                    "{\"id\":\"" + id
                            + "\",\"version\":\"0.1.0\",\"runtime\":{\"type\":\"skills\",\"paths\":[\"skills\"]},"
                            + "\"provides\":" + provides + "}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Starts the plugins and serves them on a free loopback port. */
    BridgeHost start(McpHttpServer.Settings settings) {
        host.start(PluginCatalog.create(SemanticVersion.of("0.1.0"))
                .scan(new HostLayout(home, workspace, null, Map.of()), ApprovalBook.EMPTY));
        server = McpHttpServer.start(bridge, McpJsonDefaults.getMapper(), settings);
        return this;
    }

    BridgeHost start() {
        return start(McpHttpServer.Settings.loopback(0));
    }

    List<AuditEvent> audited(AuditEvent.Kind kind) {
        return audit.stream().filter(e -> e.kind() == kind).toList();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        bridge.close();
        host.close();
    }

    /** Loads the plugin object the test handed in for the folder's id. */
    private final class ObjectRuntime implements PluginRuntime {

        @Override
        public RuntimeType type() {
            return RuntimeType.SKILLS;
        }

        @Override
        public LoadedCode load(LoadRequest request) {
            Plugin plugin = plugins.get(request.pluginId());
            return new LoadedCode() {
                private volatile boolean unloaded;

                @Override
                public String pluginId() {
                    return request.pluginId();
                }

                @Override
                public Plugin plugin() {
                    return plugin;
                }

                @Override
                public ClassLoader loader() {
                    return BridgeHost.class.getClassLoader();
                }

                @Override
                public boolean isUnloaded() {
                    return unloaded;
                }

                @Override
                public List<String> unload() {
                    unloaded = true;
                    return List.of();
                }
            };
        }
    }
}
