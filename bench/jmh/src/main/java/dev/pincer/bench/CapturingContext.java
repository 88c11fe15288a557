package dev.pincer.bench;

import dev.pincer.api.PluginContext;
import dev.pincer.api.Registration;
import dev.pincer.api.Service;
import dev.pincer.api.SkillSpec;
import dev.pincer.api.access.EnvAccess;
import dev.pincer.api.access.FileAccess;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.ProcessAccess;
import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.Stage;
import dev.pincer.api.command.CommandHandler;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.hook.HookHandler;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.memory.MemoryBackend;
import dev.pincer.api.policy.PolicyRule;
import dev.pincer.api.provider.Provider;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.guards.PluginAccess;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The least a plugin needs to activate outside a host: its id, config, data folder, logger and
 * guarded services, and a map that keeps the tool handlers it registers, so a benchmark can call a
 * handler directly, without the host's invocation path. Registering anything but a tool fails,
 * naming what was registered. Thread-safe.
 */
final class CapturingContext implements PluginContext {

    private final String pluginId;
    private final String version;
    private final Map<String, Object> config;
    private final Path dataDirectory;
    private final PluginAccess access;
    private final Map<String, ToolHandler> tools = new ConcurrentHashMap<>();

    CapturingContext(
            String pluginId, String version, Map<String, Object> config, Path dataDirectory, PluginAccess access) {
        this.pluginId = pluginId;
        this.version = version;
        this.config = Map.copyOf(config);
        this.dataDirectory = dataDirectory;
        this.access = access;
    }

    /** Returns the handler the plugin registered for {@code tool}, or fails naming the tools it did register. */
    ToolHandler tool(String tool) {
        ToolHandler handler = tools.get(tool);
        if (handler == null) {
            throw new IllegalStateException(
                    "plugin '" + pluginId + "' registered no tool '" + tool + "'; it registered " + tools.keySet());
        }
        return handler;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String pluginVersion() {
        return version;
    }

    @Override
    public Map<String, Object> config() {
        return config;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Returns the logger the host's context gives, so log lines cost what they cost in the host. */
    @Override
    public System.Logger logger() {
        return System.getLogger("pincer.plugin." + pluginId);
    }

    @Override
    public HttpAccess http() {
        return access.http();
    }

    @Override
    public FileAccess files() {
        return access.files();
    }

    @Override
    public EnvAccess env() {
        return access.env();
    }

    @Override
    public ProcessAccess processes() {
        return access.processes();
    }

    @Override
    public Registration registerTool(ToolSpec spec, ToolHandler handler) {
        if (tools.putIfAbsent(spec.name(), handler) != null) {
            throw new IllegalStateException("plugin '" + pluginId + "' registered tool '" + spec.name() + "' twice");
        }
        return () -> tools.remove(spec.name(), handler);
    }

    @Override
    public Registration registerCommand(CommandSpec spec, CommandHandler handler) {
        throw unsupported("command '" + spec.name() + "'");
    }

    @Override
    public <E> Registration on(HookPoint<E> hook, int priority, HookHandler<E> handler) {
        throw unsupported("a handler on hook " + hook);
    }

    @Override
    public Registration registerPolicy(PolicyRule rule) {
        throw unsupported("a policy rule");
    }

    @Override
    public Registration registerSkill(SkillSpec skill) {
        throw unsupported("a skill");
    }

    @Override
    public Registration registerService(Service service) {
        throw unsupported("a service");
    }

    @Override
    public Registration registerChannel(Channel channel) {
        throw unsupported("a channel");
    }

    @Override
    public Registration registerStage(Stage stage) {
        throw unsupported("a pipeline stage");
    }

    @Override
    public Registration registerProvider(Provider provider) {
        throw unsupported("a model provider");
    }

    @Override
    public Registration registerMemory(MemoryBackend backend) {
        throw unsupported("a memory backend");
    }

    @Override
    public Registration registerResource(
            dev.pincer.api.resource.ResourceSpec spec, dev.pincer.api.resource.ResourceHandler handler) {
        throw unsupported("a resource");
    }

    @Override
    public Registration registerPrompt(
            dev.pincer.api.prompt.PromptSpec spec, dev.pincer.api.prompt.PromptHandler handler) {
        throw unsupported("a prompt");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("plugin '" + pluginId + "' registered " + what
                + ", but the benchmark's context takes only tools; call it through the host (pincerHost) instead");
    }
}
