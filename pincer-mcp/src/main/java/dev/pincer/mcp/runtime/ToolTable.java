package dev.pincer.mcp.runtime;

import dev.pincer.api.PluginContext;
import dev.pincer.api.Registration;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the registry in step with an MCP server's tool list: each server tool {@code t} is
 * registered as {@code <namespace>_t} (as {@code t} when the namespace is empty); when the manifest
 * declares tools, only those names are registered. A tool whose Pincer name would not be valid (1 to
 * 64 letters, digits, {@code _} or {@code -}) is skipped with a warning in the plugin's log. An
 * update registers new tools, withdraws removed ones and re-registers changed ones.
 *
 * <p>Thread-safe.
 */
final class ToolTable {

    /** Calls the server's tool {@code remoteName}. */
    @FunctionalInterface
    interface RemoteCall {
        ToolResult call(String remoteName, ToolCall call) throws Exception;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Entry(String remoteName, ToolSpec spec, Registration registration) {}

    private final PluginContext context;
    private final String namespace;
    private final Set<String> allowed;
    private final RemoteCall remote;
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by this
    private final Set<String> warned = new HashSet<>(); // guarded by this

    ToolTable(PluginContext context, String namespace, Set<String> allowed, RemoteCall remote) {
        this.context = context;
        this.namespace = namespace;
        this.allowed = Set.copyOf(allowed);
        this.remote = remote;
    }

    /** Returns the default namespace for a plugin id: the id with every other character as {@code _}. */
    static String defaultNamespace(String pluginId) {
        return pluginId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Returns the Pincer name of the server tool {@code remoteName}. */
    String nameOf(String remoteName) {
        return namespace.isEmpty() ? remoteName : namespace + "_" + remoteName;
    }

    /** Registers, withdraws and re-registers so that the registry holds exactly {@code tools}. */
    synchronized void update(List<McpSchema.Tool> tools) {
        Map<String, ToolSpec> wanted = new LinkedHashMap<>();
        Map<String, String> remoteNames = new LinkedHashMap<>();
        for (McpSchema.Tool tool : tools) {
            String name = nameOf(tool.name());
            if (!allowed.isEmpty() && !allowed.contains(name)) {
                continue;
            }
            ToolSpec spec = spec(name, tool);
            if (spec != null) {
                wanted.put(name, spec);
                remoteNames.put(name, tool.name());
            }
        }
        entries.entrySet().removeIf(e -> {
            boolean gone = !e.getValue().spec().equals(wanted.get(e.getKey()));
            if (gone) {
                e.getValue().registration().close();
            }
            return gone;
        });
        wanted.forEach((name, spec) -> {
            if (!entries.containsKey(name)) {
                String remoteName = remoteNames.get(name);
                Registration registration = context.registerTool(spec, call -> remote.call(remoteName, call));
                entries.put(name, new Entry(remoteName, spec, registration));
            }
        });
    }

    /** Returns the registered Pincer tool names, in server order. */
    synchronized List<String> names() {
        return List.copyOf(entries.keySet());
    }

    private ToolSpec spec(String name, McpSchema.Tool tool) {
        String description = tool.description() != null ? tool.description() : tool.title() != null ? tool.title() : "";
        String schema =
                tool.inputSchema() == null ? ToolSpec.ANY_OBJECT_SCHEMA : JSON.writeValueAsString(tool.inputSchema());
        McpSchema.ToolAnnotations hints = tool.annotations();
        boolean destructive = hints != null
                && !Boolean.TRUE.equals(hints.readOnlyHint())
                && Boolean.TRUE.equals(hints.destructiveHint());
        try {
            return new ToolSpec(name, description, schema, destructive);
        } catch (IllegalArgumentException e) {
            if (warned.add(name)) {
                context.logger()
                        .log(
                                System.Logger.Level.WARNING,
                                "plugin '" + context.pluginId() + "' skips the MCP tool '" + tool.name() + "': "
                                        + e.getMessage() + "; a shorter runtime.namespace may help");
            }
            return null;
        }
    }
}
