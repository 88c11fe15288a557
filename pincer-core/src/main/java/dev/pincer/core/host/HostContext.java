package dev.pincer.core.host;

import com.networknt.schema.Schema;
import dev.pincer.api.PluginContext;
import dev.pincer.api.PluginException;
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
import dev.pincer.api.prompt.PromptHandler;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.provider.Provider;
import dev.pincer.api.resource.ResourceHandler;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.commands.CommandAdmission;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.guards.PluginAccess;
import dev.pincer.core.manifest.JsonSchemas;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.services.HealthProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The narrow context one plugin sees: its id, settings and data folder, and the registration
 * methods, each of which puts the capability in the host's registry and, where it runs, in the
 * hook bus, command registry or service supervisor. A refused registration (a name another plugin
 * owns, a schema Pincer cannot compile) is recorded as a diagnostic and thrown as a
 * {@link PluginException}.
 *
 * <p>Thread-safe. After {@link #closeAll()} every registration method throws
 * {@link IllegalStateException}.
 */
final class HostContext implements PluginContext {

    private final String pluginId;
    private final PluginManifest manifest;
    private final PluginAccess access;
    private final Map<String, Object> config;
    private final Path dataDirectory;
    private final HostParts parts;
    private final ClassLoader loader;
    private final ToolLimits limits;
    private final HealthProbe probe;
    private final Staging staging;
    private final List<Registration> registrations = new ArrayList<>();
    private boolean closed;
    private boolean swappedOut;

    /**
     * The per-generation limits a context hands to what it registers.
     *
     * @param generation counts the generation's tool calls in flight, for a reload to wait on
     */
    record ToolLimits(
            java.time.Duration callTimeout,
            java.util.concurrent.Semaphore permits,
            java.time.Duration hookTimeout,
            Generation generation) {}

    HostContext(
            PluginManifest manifest,
            PluginAccess access,
            Map<String, Object> config,
            Path dataDirectory,
            HostParts parts,
            ClassLoader loader,
            ToolLimits limits,
            HealthProbe probe,
            Staging staging) {
        this.pluginId = manifest.id();
        this.staging = staging;
        this.manifest = manifest;
        this.access = access;
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.parts = parts;
        this.loader = loader;
        this.limits = limits;
        this.probe = probe;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String pluginVersion() {
        return manifest.version().text();
    }

    @Override
    public Map<String, Object> config() {
        return config;
    }

    @Override
    public Path dataDirectory() {
        try {
            return Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the data folder of plugin '" + pluginId + "': " + dataDirectory, e);
        }
    }

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
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        ensureOpen();
        Schema schema;
        try {
            JsonNode node = parts.json().readTree(spec.inputSchemaJson());
            schema = acceptsAnyObject(node) ? null : JsonSchemas.compile(node);
        } catch (JacksonException | IllegalArgumentException e) {
            throw refuse(Diagnostic.error(
                    "host.tool-schema",
                    pluginId,
                    null,
                    "tool '" + spec.name() + "' of plugin '" + pluginId + "' has an input schema Pincer cannot use: "
                            + e.getMessage(),
                    "write a JSON Schema" + " object (draft 2020-12), e.g. {\"type\":\"object\",\"properties\":{…}}"));
        }
        Provides.Tool declared = manifest.provides().tools().stream()
                .filter(t -> t.name().equals(spec.name()))
                .findFirst()
                .orElse(null);
        ToolEntry entry = new ToolEntry(
                pluginId,
                spec,
                handler,
                schema,
                loader,
                limits.callTimeout(),
                limits.permits(),
                spec.destructive() || (declared != null && declared.destructive()),
                declared == null ? null : declared.cost(),
                limits.generation());
        Capability tool = register(new Capability(CapabilityKind.TOOL, spec.name(), pluginId, entry));
        return track(() -> withdraw(tool));
    }

    @Override
    public Registration registerCommand(CommandSpec spec, CommandHandler handler) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        ensureOpen();
        Registration command = admit(spec, handler);
        Capability entry = register(new Capability(CapabilityKind.COMMAND, spec.name(), pluginId, spec), command);
        return track(() -> {
            command.close();
            withdraw(entry);
        });
    }

    @Override
    public <E> Registration on(HookPoint<E> hook, int priority, HookHandler<E> handler) {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(handler, "handler");
        ensureOpen();
        Registration handle = deferrable(
                () -> parts.hooks().register(pluginId, hook, priority, handler, limits.hookTimeout(), loader));
        Capability entry = register(new Capability(CapabilityKind.HOOK, hook.name(), pluginId, hook), handle);
        return track(() -> {
            handle.close();
            withdraw(entry);
        });
    }

    @Override
    public Registration registerService(Service service) {
        Objects.requireNonNull(service, "service");
        ensureOpen();
        Capability entry = register(new Capability(CapabilityKind.SERVICE, service.name(), pluginId, service));
        deferrable(() -> {
            parts.services().add(pluginId, loader, service, parts.settings().serviceTimeout(), probe);
            return () -> {};
        });
        // A service runs until its plugin is deactivated; withdrawing it early only removes it from view.
        return track(() -> withdraw(entry));
    }

    @Override
    public Registration registerPolicy(PolicyRule rule) {
        Objects.requireNonNull(rule, "rule");
        ensureOpen();
        try {
            parts.policy().requireTrusted(pluginId);
            return track(deferrable(() -> parts.policy().add(pluginId, rule, loader, limits.hookTimeout())));
        } catch (PluginException e) {
            throw refuse(Diagnostic.error("policy.untrusted", pluginId, null, e.getMessage(), null));
        }
    }

    @Override
    public Registration registerSkill(SkillSpec skill) {
        return registerValue(
                CapabilityKind.SKILL, Objects.requireNonNull(skill, "skill").name(), skill);
    }

    @Override
    public Registration registerChannel(Channel channel) {
        return registerValue(
                CapabilityKind.CHANNEL,
                Objects.requireNonNull(channel, "channel").id(),
                channel);
    }

    @Override
    public Registration registerStage(Stage stage) {
        return registerValue(
                CapabilityKind.STAGE, Objects.requireNonNull(stage, "stage").name(), stage);
    }

    @Override
    public Registration registerProvider(Provider provider) {
        return registerValue(
                CapabilityKind.PROVIDER,
                Objects.requireNonNull(provider, "provider").id(),
                provider);
    }

    @Override
    public Registration registerMemory(MemoryBackend backend) {
        return registerValue(
                CapabilityKind.MEMORY,
                Objects.requireNonNull(backend, "backend").id(),
                backend);
    }

    @Override
    public Registration registerResource(ResourceSpec spec, ResourceHandler handler) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        return registerValue(
                CapabilityKind.RESOURCE,
                spec.uri(),
                new ResourceEntry(pluginId, spec, handler, loader, limits.callTimeout()));
    }

    @Override
    public Registration registerPrompt(PromptSpec spec, PromptHandler handler) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        return registerValue(
                CapabilityKind.PROMPT,
                spec.name(),
                new PromptEntry(pluginId, spec, handler, loader, limits.callTimeout()));
    }

    /** Returns whether {@code schema} is {@code {"type": "object"}} and nothing more. */
    private static boolean acceptsAnyObject(JsonNode schema) {
        return schema.isObject()
                && schema.size() == 1
                && "object".equals(schema.path("type").asString(null));
    }

    /**
     * Closes the context of a generation a reload has just swapped out: as {@link #closeAll()}, but
     * its registry entries are left alone, since the swap already replaced them (a hook entry of
     * the new generation equals the old one's, and must stay).
     */
    void closeAfterSwap() {
        synchronized (this) {
            swappedOut = true;
        }
        closeAll();
    }

    /** Withdraws everything this plugin registered, newest first, and refuses further registrations. */
    void closeAll() {
        List<Registration> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(registrations);
            registrations.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Registration registerValue(CapabilityKind kind, String name, Object value) {
        ensureOpen();
        Capability entry = register(new Capability(kind, name, pluginId, value));
        return track(() -> withdraw(entry));
    }

    private Capability register(Capability capability, Registration... undoOnRefusal) {
        java.util.Optional<Diagnostic> refusal = null;
        synchronized (lock()) {
            if (staged()) {
                refusal = staging.stage(capability, parts.registry().snapshot());
            }
        }
        // A context leaves staging once, for good: outside it, register live, without holding a lock
        // that registry listeners could meet.
        if (refusal == null) {
            refusal = parts.registry().update(batch -> batch.register(capability)).diagnostics().stream()
                    .findFirst();
        }
        if (refusal.isPresent()) {
            for (Registration undo : undoOnRefusal) {
                undo.close();
            }
            throw refuse(refusal.get());
        }
        return capability;
    }

    private void withdraw(Capability capability) {
        synchronized (this) {
            if (swappedOut) {
                return;
            }
        }
        synchronized (lock()) {
            if (staged() && staging.unstage(capability)) {
                return;
            }
        }
        parts.registry().update(batch -> batch.withdraw(capability));
    }

    /**
     * Runs {@code action} now, or, while this context belongs to a new generation not yet swapped
     * in, when the swap happens.
     */
    private Registration deferrable(java.util.function.Supplier<Registration> action) {
        synchronized (lock()) {
            if (staged()) {
                return staging.defer(action);
            }
        }
        return action.get();
    }

    /**
     * Registers a command with the command registry, or, while staged, checks its name now and
     * registers it at the swap.
     *
     * @throws PluginException if the name is taken
     */
    private Registration admit(CommandSpec spec, CommandHandler handler) {
        synchronized (lock()) {
            if (staged()) {
                java.util.Optional<Diagnostic> refusal =
                        parts.commands().wouldRefuse(pluginId, spec, staging.replaced());
                if (refusal.isPresent()) {
                    throw refuse(refusal.get());
                }
                return staging.defer(() -> admitted(spec, handler));
            }
        }
        CommandAdmission admission = parts.commands().register(pluginId, spec, handler, limits.callTimeout(), loader);
        if (admission instanceof CommandAdmission.Refused refused) {
            throw refuse(refused.diagnostic());
        }
        return ((CommandAdmission.Accepted) admission).registration();
    }

    /** Registers a command at the swap; a name a live plugin took meanwhile is reported. */
    private Registration admitted(CommandSpec spec, CommandHandler handler) {
        CommandAdmission admission = parts.commands().register(pluginId, spec, handler, limits.callTimeout(), loader);
        if (admission instanceof CommandAdmission.Refused refused) {
            parts.report(refused.diagnostic());
            return () -> {};
        }
        return ((CommandAdmission.Accepted) admission).registration();
    }

    /** Returns the lock that orders registrations against the swap: the staging's, if any. */
    private Object lock() {
        return staging != null ? staging : registrations;
    }

    /** Returns whether registrations are held for a swap; call holding {@link #lock()}. */
    private boolean staged() {
        return staging != null && staging.open();
    }

    private PluginException refuse(Diagnostic diagnostic) {
        parts.report(diagnostic);
        return new PluginException(diagnostic.code(), diagnostic.message());
    }

    private synchronized Registration track(Registration registration) {
        Registration once = new Registration() {
            private boolean done;

            @Override
            public void close() {
                synchronized (this) {
                    if (done) {
                        return;
                    }
                    done = true;
                }
                registration.close();
            }
        };
        registrations.add(once);
        return once;
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "plugin '" + pluginId + "' was deactivated; it can no longer register" + " anything");
        }
    }
}
