package dev.pincer.mcp.runtime;

import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.RuntimeSpec;
import dev.pincer.core.manifest.RuntimeType;
import dev.pincer.core.runtime.LoadRequest;
import dev.pincer.core.runtime.LoadedCode;
import dev.pincer.core.runtime.PluginRuntime;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code mcp} runtime: hosts an MCP server as a plugin, either a command run as a supervised
 * child process over stdio or a remote Streamable HTTP URL.
 *
 * <p>Loading checks the manifest; activation starts the child (with a cleared environment holding
 * only the manifest's {@code env} and the plugin's granted env names, in a working folder of its
 * own, see {@link McpSettings} for the time limits) or connects to the URL (only when the plugin's
 * approved network grant covers it), completes the MCP handshake and imports the server's tools.
 * A child that dies is restarted with exponential back-off; one that keeps dying ends the plugin
 * {@code failed} through {@link dev.pincer.core.runtime.RuntimeSupport#fail}. Deactivation closes
 * the child's input, then terminates it and its descendants after a grace period.
 *
 * <p>The child is not sandboxed: it can reach the network and every file its user can, beyond what
 * its arguments and environment tell it. Thread-safe.
 *
 * @since 0.1.0
 */
public final class McpRuntime implements PluginRuntime, AutoCloseable {

    private final String hostPath;
    private final McpSettings settings;
    private final ScheduledExecutorService scheduler = newScheduler();
    private final Random random = new Random();
    private final McpJsonMapper json =
            new JacksonMcpJsonMapper(JsonMapper.builder().build());
    private final Set<McpPlugin> live = ConcurrentHashMap.newKeySet();

    /**
     * Creates a runtime with {@link McpSettings#defaults()}.
     *
     * @param hostEnvironment Pincer's environment; only its {@code PATH} is used, to find a command
     *     given by name
     */
    public McpRuntime(Map<String, String> hostEnvironment) {
        this(hostEnvironment, McpSettings.defaults());
    }

    /**
     * Creates a runtime.
     *
     * @param hostEnvironment Pincer's environment; only its {@code PATH} is used, to find a command
     *     given by name
     * @param settings the restart policy and time limits
     */
    public McpRuntime(Map<String, String> hostEnvironment, McpSettings settings) {
        this.hostPath =
                Objects.requireNonNull(hostEnvironment, "hostEnvironment").get("PATH");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public RuntimeType type() {
        return RuntimeType.MCP;
    }

    @Override
    public LoadedCode load(LoadRequest request) {
        PluginManifest manifest = request.manifest();
        if (!(manifest.runtime() instanceof RuntimeSpec.Mcp)) {
            throw new IllegalArgumentException("plugin '" + manifest.id() + "' has a "
                    + manifest.runtime().type().label() + " runtime, not mcp");
        }
        McpPlugin plugin = new McpPlugin(
                manifest, request.folder(), settings, request.support(), hostPath, scheduler, random, json);
        live.add(plugin);
        // Unloading stops the server if deactivation did not.
        return LoadedCode.of(manifest.id(), plugin, McpRuntime.class.getClassLoader(), () -> {
            plugin.deactivate();
            live.remove(plugin);
        });
    }

    /** Stops every server still running and the runtime's restart scheduler. */
    @Override
    public void close() {
        for (McpPlugin plugin : List.copyOf(live)) {
            plugin.deactivate();
        }
        live.clear();
        scheduler.shutdownNow();
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "pincer-mcp-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(McpRuntime.class.getClassLoader());
            return thread;
        });
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
