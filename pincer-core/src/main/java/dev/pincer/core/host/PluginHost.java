package dev.pincer.core.host;

import dev.pincer.api.Health;
import dev.pincer.api.PluginContext;
import dev.pincer.api.Registration;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.PluginEvent;
import dev.pincer.core.commands.CommandRegistry;
import dev.pincer.core.commands.DispatchResult;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.guards.PluginAccess;
import dev.pincer.core.hooks.HookBus;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.lifecycle.PluginLifecycle;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.ActivationMode;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.manifest.Resources;
import dev.pincer.core.manifest.RuntimeSpec;
import dev.pincer.core.manifest.RuntimeType;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.Grants;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.CapabilityRegistry;
import dev.pincer.core.registry.DeclarationCheck;
import dev.pincer.core.registry.RegistrySnapshot;
import dev.pincer.core.runtime.LoadRequest;
import dev.pincer.core.runtime.LoadedCode;
import dev.pincer.core.runtime.PluginRuntime;
import dev.pincer.core.runtime.RuntimeSupport;
import dev.pincer.core.runtime.jvm.JvmRuntime;
import dev.pincer.core.runtime.jvm.PluginClassLoader;
import dev.pincer.core.services.HealthPolicy;
import dev.pincer.core.services.RestartPolicy;
import dev.pincer.core.services.ServiceStatus;
import dev.pincer.core.services.ServiceSupervisor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs plugins: activates the resolved plugins of a {@link Catalog} in dependency order (lazy ones
 * on first use of a tool they declare), gives each a {@link HostContext}, starts their services,
 * serves their tools through the {@link ToolInvoker}, and deactivates them in reverse order,
 * unloading each plugin's class loader.
 *
 * <p>The {@code jvm} runtime is built in; other runtimes (WebAssembly, MCP) are handed to the
 * constructor. Plugins of a runtime the host was not given stay {@code resolved} and a note says so. Every call into plugin code goes through the {@link Guard};
 * a plugin that throws or hangs is marked failed, with a diagnostic, and the others carry on.
 * Thread-safe: activation and deactivation are serialised, tool calls run concurrently.
 *
 * @since 0.1.0
 */
public final class PluginHost implements AutoCloseable {

    /** States of a new scan in which a reload keeps the running generation rather than stopping it. */
    private static final Set<PluginState> KEEPS_RUNNING =
            java.util.EnumSet.of(PluginState.FAILED, PluginState.AWAITING_APPROVAL);

    private final HostSettings settings;
    private final HostSecurity security;
    private final Clock clock;
    private final HostPolicy policy;
    private final Map<String, String> withheldTools = new java.util.concurrent.ConcurrentHashMap<>();
    private final HostThreads threads = new HostThreads();
    private final HostReports reports = new HostReports();
    private final Guard guard;
    private final PluginLifecycle lifecycle;
    private final CapabilityRegistry registry = new CapabilityRegistry();
    private final HookBus hooks;
    private final CommandRegistry commands;
    private final ServiceSupervisor services;
    private final JvmRuntime runtime;
    private final Map<RuntimeType, PluginRuntime> runtimes = new java.util.EnumMap<>(RuntimeType.class);
    private final HostParts parts;
    private final ToolInvoker invoker;
    private final HostContent content;
    private final Map<String, CatalogEntry> known = new HashMap<>();
    private final LazyPlugins lazy = new LazyPlugins();
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Map<String, HostContext> published = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, String> activationReasons = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private boolean servicesStarted;

    /** A running plugin. */
    private record Active(CatalogEntry entry, LoadedCode loaded, HostContext context, Generation generation) {}

    /**
     * Creates a host without an audit log, whose granted paths are relative to the current
     * directory; nothing runs until {@link #start}.
     */
    public PluginHost(HostSettings settings, Clock clock) {
        this(
                settings,
                clock,
                HostSecurity.unaudited(
                        System.getenv(),
                        Path.of(System.getProperty("user.home")),
                        Path.of("").toAbsolutePath()));
    }

    /**
     * Creates a host that holds plugins to their grants with {@code security} and runs only {@code
     * jvm} plugins; nothing runs until {@link #start}.
     */
    public PluginHost(HostSettings settings, Clock clock, HostSecurity security) {
        this(settings, clock, security, List.of());
    }

    /**
     * Creates a host that holds plugins to their grants with {@code security} and runs {@code jvm}
     * plugins and those of {@code extraRuntimes}; nothing runs until {@link #start}.
     *
     * @throws IllegalArgumentException if two runtimes, or one and the built-in {@code jvm}, share a
     *     type
     */
    public PluginHost(HostSettings settings, Clock clock, HostSecurity security, List<PluginRuntime> extraRuntimes) {
        for (PluginRuntime extra : extraRuntimes) {
            if (extra.type() == RuntimeType.JVM || runtimes.putIfAbsent(extra.type(), extra) != null) {
                throw new IllegalArgumentException(
                        "a second runtime for type '" + extra.type().label() + "': " + extra);
            }
        }
        this.settings = settings;
        // Each generation reads its own copies of its jars, so a rebuild cannot corrupt a running one.
        this.runtime = new JvmRuntime(
                JvmRuntime.DEFAULT_THREAD_GRACE, settings.dataRoot().resolve(".jars"));
        this.security = security;
        this.clock = clock;

        // A failed activation is reported once, as an error, by activate() itself.
        this.guard = new Guard(threads.calls(), (id, phase, outcome) -> {
            if (phase != Phase.ACTIVATE) {
                report(HostReports.failure(id, phase, outcome));
            }
        });
        this.lifecycle = new PluginLifecycle(clock);
        this.hooks = new HookBus(guard, threads.observers(), this::report);
        this.commands = new CommandRegistry(guard, List.of());
        this.services = new ServiceSupervisor(
                guard, threads.scheduler(), clock, new Random(), RestartPolicy.defaults(), HealthPolicy.defaults());
        this.policy = new HostPolicy(security.ledger(), clock, guard);
        this.parts = new HostParts(
                settings,
                registry,
                hooks,
                commands,
                services,
                this::report,
                JsonMapper.builder().build(),
                policy);
        this.invoker = new ToolInvoker(
                registry,
                hooks,
                guard,
                new ToolSupply() {
                    @Override
                    public boolean activateFor(String toolName) {
                        return activateForTool(toolName);
                    }

                    @Override
                    public Optional<String> whyUnavailable(String toolName) {
                        return Optional.ofNullable(withheldTools.get(toolName));
                    }
                },
                policy::engine,
                security.audit(),
                clock,
                System::nanoTime);
        this.content = new HostContent(registry, guard, security.audit(), clock);
    }

    /**
     * Learns {@code catalog} ({@link #prepare}), activates every resolved plugin that starts eagerly
     * (and the lazy plugins those need), then starts all services. Lazy plugins are activated when
     * one of their declared tools is first called.
     */
    public synchronized void start(Catalog catalog) {
        prepare(catalog);
        for (String id : catalog.activationOrder()) {
            PluginManifest manifest = known.get(id).manifest().orElseThrow();
            if (runs(manifest) && manifest.activation() == ActivationMode.STARTUP) {
                activate(id, "at start (its activation mode is startup)");
            }
        }
        startServices();
    }

    /** Starts the services of every active plugin; services of plugins activated later start with them. */
    public synchronized void startServices() {
        serviceProblems(null, services.startAll());
        servicesStarted = true;
    }

    /**
     * Learns the plugins of {@code catalog} without activating any: afterwards {@link #activate}
     * can activate one (with its dependencies), and the tools of lazy plugins are known.
     */
    public synchronized void prepare(Catalog catalog) {
        policy.configure(catalog.config().policy());
        List<String> fresh = new ArrayList<>();
        for (CatalogEntry entry : catalog.entries()) {
            if (known.putIfAbsent(entry.id(), entry) == null) {
                fresh.add(entry.id());
            }
            withhold(entry);
        }
        for (String id : catalog.activationOrder()) {
            if (!fresh.contains(id)) {
                continue;
            }
            order.add(id);
            CatalogEntry entry = known.get(id);
            PluginManifest manifest = entry.manifest().orElseThrow();
            lifecycle.track(id, PluginState.RESOLVED);
            if (!runs(manifest)) {
                report(Diagnostic.info(
                        "host.runtime-unavailable",
                        id,
                        entry.path(),
                        "plugin '" + id + "' uses the "
                                + manifest.runtime().type().label()
                                + " runtime, which this version of Pincer cannot run yet;"
                                + " it stays resolved",
                        null));
            } else if (manifest.activation() == ActivationMode.LAZY) {
                lazy.add(manifest);
            }
        }
    }

    /**
     * Activates {@code id} (and, first, any dependency that is not active yet), because someone
     * asked for it by id.
     *
     * @return whether the plugin is active afterwards
     */
    public synchronized boolean activate(String id) {
        return activate(id, "asked for by id");
    }

    /**
     * Activates {@code id} (and, first, any dependency that is not active yet) and records {@code
     * reason} as why: {@link #activationReason} returns it, and the audit log keeps it as a record
     * of kind {@code activation}.
     *
     * @param reason why the plugin is needed, e.g. {@code "first call of tool 'greet'"}
     * @return whether the plugin is active afterwards
     */
    public synchronized boolean activate(String id, String reason) {
        if (active.containsKey(id)) {
            return true;
        }
        CatalogEntry entry = known.get(id);
        if (entry == null
                || entry.manifest().isEmpty()
                || entry.state() != PluginState.RESOLVED
                || lifecycle.state(id) != PluginState.RESOLVED) {
            return false;
        }
        PluginManifest manifest = entry.manifest().get();
        Map<String, PluginClassLoader> dependencies = new HashMap<>();
        for (String dep : manifest.dependencies().keySet()) {
            if (runsOnJvm(known.get(dep)) && !activate(dep, "needed by plugin '" + id + "', " + reason)) {
                fail(id, entry, "its dependency '" + dep + "' could not be activated");
                return false;
            }
            if (runsOnJvm(known.get(dep))) {
                dependencies.put(
                        dep, (PluginClassLoader) active.get(dep).loaded().loader());
            }
        }
        Build build = build(
                entry,
                dependencies,
                null,
                kind -> lifecycle.transition(id, PluginState.LOADED, kind + " loaded from " + entry.path()));
        if (build instanceof Build.Failed failed) {
            fail(id, entry, failed.reason(), failed.hint());
            return false;
        }
        Build.Built built = (Build.Built) build;
        active.put(id, new Active(entry, built.loaded(), built.context(), built.generation()));
        lazy.remove(id);
        lifecycle.transition(id, PluginState.ACTIVE, "activated " + reason);
        recordActivation(id, manifest, reason);
        checkDeclarations(id, entry);
        if (servicesStarted) {
            serviceProblems(id, services.startOwner(id));
        }
        hooks.fire(
                HookPoint.PLUGIN_ACTIVATED,
                new PluginEvent(id, manifest.version().text()));
        return true;
    }

    /** Keeps why {@code id} was activated, and writes it to the audit log. */
    private void recordActivation(String id, PluginManifest manifest, String reason) {
        activationReasons.put(id, reason);
        security.audit()
                .record(new dev.pincer.core.audit.AuditEvent(
                        clock.instant(),
                        "pincer",
                        id,
                        dev.pincer.core.audit.AuditEvent.Kind.ACTIVATION,
                        "activate",
                        manifest.version().text(),
                        dev.pincer.core.audit.AuditEvent.Decision.ALLOWED,
                        reason,
                        null,
                        null,
                        null,
                        null));
    }

    /**
     * Returns why the running generation of {@code id} was activated, e.g. {@code "first call of
     * tool 'greet'"}, or empty when it is not active.
     */
    public synchronized Optional<String> activationReason(String id) {
        return active.containsKey(id) ? Optional.ofNullable(activationReasons.get(id)) : Optional.empty();
    }

    /**
     * Activates every lazy plugin whose manifest declares a capability of {@code kind} named {@code
     * name} ({@code null}: any of that kind; for hooks, the hook point's name), recording {@code
     * reason}.
     *
     * @return the ids of the plugins that are active now because of this call, in activation order
     */
    public synchronized List<String> activateDeclaring(CapabilityKind kind, String name, String reason) {
        List<String> activated = new ArrayList<>();
        for (String id : lazy.declaring(kind, name)) {
            if (activate(id, reason)) {
                activated.add(id);
            }
        }
        return List.copyOf(activated);
    }

    /** Returns whether a lazy plugin not yet active declares a capability of {@code kind} named {@code name}. */
    public synchronized boolean declaresLazily(CapabilityKind kind, String name) {
        return !lazy.declaring(kind, name).isEmpty();
    }

    /**
     * Calls the plugin code behind {@code capability} through the host's guard, with the plugin's
     * class loader as context class loader, and returns how it ended; a failure or time-out is also
     * reported ({@link #reports}).
     *
     * @param timeout the time limit, or {@code null} for the owning plugin's call time limit
     */
    public <T> Outcome<T> callInto(
            dev.pincer.core.registry.Capability capability, Phase phase, Duration timeout, Callable<T> body) {
        Duration limit = timeout != null ? timeout : callTimeoutOf(capability.owner());
        return guard.call(
                capability.owner(), phase, capability.value().getClass().getClassLoader(), limit, body);
    }

    /**
     * Returns the time limit of one call into {@code owner}'s code: what its manifest asks, within
     * the host's bounds, or the host's default for an owner the host does not know (a host-owned
     * name).
     */
    public synchronized Duration callTimeoutOf(String owner) {
        CatalogEntry entry = known.get(owner);
        return settings.callTimeout(
                entry == null
                        ? null
                        : entry.manifest().map(m -> m.resources().timeout()).orElse(null));
    }

    /**
     * Returns where {@code id} stands in the activation order the host learned (dependencies
     * before their dependants; later scans after): 0 for the first; {@link Integer#MAX_VALUE} for
     * an owner the host never learned, such as a host-owned {@code pincer:…} name.
     */
    public synchronized int orderOf(String id) {
        int at = order.indexOf(id);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    /** Returns the manifest of the plugin {@code id} as the host last learned it, if it knows one. */
    public synchronized Optional<PluginManifest> manifestOf(String id) {
        return Optional.ofNullable(known.get(id)).flatMap(CatalogEntry::manifest);
    }

    /** What building a generation of a plugin gave: running code activated on a context, or why not. */
    private sealed interface Build {
        record Built(LoadedCode loaded, HostContext context, Generation generation) implements Build {}

        record Failed(String reason, String hint) implements Build {}
    }

    /**
     * Loads {@code entry}'s code and activates it on a new context, staged on {@code staging} when
     * given (a reload), live otherwise. On failure everything it made is released.
     *
     * @param loaded told, with what was loaded ("classes", "wasm code"...), once the code is loaded
     */
    private Build build(
            CatalogEntry entry, Map<String, PluginClassLoader> dependencies, Staging staging, Consumer<String> loaded) {
        String id = entry.id();
        PluginManifest manifest = entry.manifest().orElseThrow();
        PluginRuntime other = runtimes.get(manifest.runtime().type());
        Outcome<LoadedCode> load = guard.call(
                id,
                Phase.ACTIVATE,
                null,
                settings.activationTimeout(),
                () -> other == null
                        ? runtime.load(manifest, entry.path(), dependencies)
                        : other.load(new LoadRequest(manifest, entry.path(), security.audit(), clock, support(entry))));
        if (!(load instanceof Outcome.Ok<LoadedCode> ok)) {
            return new Build.Failed(HostReports.message(load), HostReports.hint(load));
        }
        LoadedCode code = ok.value();
        loaded.accept(other == null ? "classes" : manifest.runtime().type().label() + " code");
        Generation generation = new Generation(generations.merge(id, 1L, Long::sum));
        HostContext context;
        try {
            context = context(entry, manifest, code, generation, staging);
        } catch (RuntimeException e) {
            unload(id, code);
            return new Build.Failed("its grant cannot be applied: " + e.getMessage(), null);
        }
        Outcome<Object> activation = guard.call(id, Phase.ACTIVATE, code.loader(), settings.activationTimeout(), () -> {
            code.plugin().activate(context);
            return null;
        });
        if (!activation.ok()) {
            context.closeAll();
            if (staging == null) {
                services.removeOwner(id);
            }
            unload(id, code);
            return new Build.Failed(HostReports.message(activation), HostReports.hint(activation));
        }
        return new Build.Built(code, context, generation);
    }

    private void checkDeclarations(String id, CatalogEntry entry) {
        PluginManifest manifest = entry.manifest().orElseThrow();
        DeclarationCheck.check(
                        id,
                        entry.plugin().manifestFile(),
                        manifest.provides(),
                        registry.snapshot(),
                        switch (manifest.runtime().type()) {
                            // What these runtimes register is found at run time, not declared.
                            case MCP -> Set.of(CapabilityKind.TOOL);
                            case SKILLS -> Set.of(CapabilityKind.SKILL);
                            default -> Set.<CapabilityKind>of();
                        })
                .forEach(this::report);
    }

    private static boolean runsOnJvm(CatalogEntry entry) {
        return entry != null
                && entry.manifest()
                        .map(m -> m.runtime().type() == RuntimeType.JVM)
                        .orElse(false);
    }

    /**
     * Brings the plugins {@code ids} to what {@code fresh} (a new scan of the same layout) says
     * about them, without a restart, and returns what happened.
     *
     * <p>For each id, and for every active plugin that depends on one (directly or not):
     *
     * <ul>
     *   <li>active, and resolved in {@code fresh}: a new generation is loaded and activated beside
     *       the running one, its registrations held back. Only when every new generation of the
     *       change activated is the registry swapped, in one batch (one registry generation): new
     *       calls go to the new code, calls already running finish on the old, which is then
     *       deactivated and unloaded (a JVM plugin's class loader closed). If any new generation
     *       fails, none is swapped in: the running ones keep serving and the report says why.
     *       Dependants are always reloaded with their dependency, so a JVM dependant never keeps
     *       classes of a dependency generation that is gone.
     *   <li>active, and now failed (an invalid manifest, a dependency that no longer resolves) or
     *       awaiting approval (the new version asks for more): kept running as it is, and reported
     *       as failed with the reason.
     *   <li>active, and gone, disabled or blocked: deactivated, dependants first.
     *   <li>not active, and resolved: learned and activated (or, if lazy, made callable).
     * </ul>
     */
    public synchronized ReloadReport reload(Catalog fresh, Collection<String> ids) {
        ReloadReport.Builder report = new ReloadReport.Builder();
        Set<String> targets = withDependants(fresh, ids);
        List<String> order = new ArrayList<>(fresh.activationOrder());
        targets.stream().filter(t -> !order.contains(t)).forEach(order::add);
        order.retainAll(targets);
        List<String> replace = new ArrayList<>();
        List<String> stopping = new ArrayList<>();
        List<String> starting = new ArrayList<>();
        for (String id : order) {
            boolean runsNow = fresh.find(id)
                    .filter(e -> e.state() == PluginState.RESOLVED)
                    .flatMap(CatalogEntry::manifest)
                    .filter(this::runs)
                    .isPresent();
            Optional<CatalogEntry> next = fresh.find(id);
            if (active.containsKey(id)
                    && !runsNow
                    && next.filter(e -> KEEPS_RUNNING.contains(e.state())).isPresent()) {
                // A half-saved manifest, or a version asking for permissions nobody approved yet,
                // must not take down the version that runs.
                CatalogEntry broken = next.get();
                String reason = "the new version of plugin '" + id + "' is "
                        + broken.state().label() + " (" + broken.reason() + "), so the running version keeps serving";
                report.failed(id, reason);
                report(Diagnostic.error(
                        "host.reload-failed",
                        id,
                        broken.path(),
                        reason,
                        broken.state() == PluginState.AWAITING_APPROVAL
                                ? "`pincer plugins approve " + id + "` approves what it asks for"
                                : "`pincer plugins doctor` says what is wrong; fix it and save again"));
            } else if (active.containsKey(id)) {
                (runsNow ? replace : stopping).add(id);
            } else {
                starting.add(id);
            }
        }
        List<String> stopOrder = new ArrayList<>(stopping);
        Collections.reverse(stopOrder);
        for (String id : stopOrder) {
            List<String> tools = registry.snapshot().ownedBy(id).stream()
                    .filter(c -> c.kind() == CapabilityKind.TOOL)
                    .map(c -> c.name())
                    .toList();
            if (active.containsKey(id)) {
                deactivate(id);
                report.stopped(id);
            }
            fresh.find(id).ifPresentOrElse(e -> learn(e, report), () -> forget(id));
            // Tools it registered without declaring them still say why they are gone.
            String why = fresh.find(id)
                    .map(e -> "which is " + e.state().label() + ": " + e.reason())
                    .orElse("which was removed");
            tools.forEach(t -> withheldTools.putIfAbsent(t, "tool '" + t + "' belongs to plugin '" + id + "', " + why));
        }
        if (!replace.isEmpty()) {
            swap(fresh, replace, report);
        }
        for (String id : starting) {
            fresh.find(id).ifPresentOrElse(e -> learn(e, report), () -> forget(id));
            CatalogEntry entry = known.get(id);
            if (entry == null || entry.state() != PluginState.RESOLVED) {
                continue;
            }
            PluginManifest manifest = entry.manifest().orElseThrow();
            if (runs(manifest) && manifest.activation() == ActivationMode.STARTUP) {
                if (activate(id, "when a reload found it")) {
                    report.started(id);
                } else {
                    report.failed(id, "could not be activated: " + lifecycleReason(id));
                }
            }
        }
        return report.build(registry.snapshot().generation());
    }

    /** Returns {@code ids} with every active plugin that depends on one of them, directly or not. */
    private Set<String> withDependants(Catalog fresh, Collection<String> ids) {
        Set<String> targets = new java.util.LinkedHashSet<>(ids);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Active plugin : active.values()) {
                String id = plugin.entry().id();
                if (targets.contains(id)) {
                    continue;
                }
                Set<String> needs = new java.util.HashSet<>(
                        plugin.entry().manifest().orElseThrow().dependencies().keySet());
                fresh.find(id)
                        .flatMap(CatalogEntry::manifest)
                        .ifPresent(m -> needs.addAll(m.dependencies().keySet()));
                if (needs.stream().anyMatch(targets::contains)) {
                    targets.add(id);
                    grew = true;
                }
            }
        }
        return targets;
    }

    /**
     * Builds new generations of the active plugins {@code ids} (in activation order) from {@code
     * fresh} beside the running ones and swaps them all in, or none.
     */
    private void swap(Catalog fresh, List<String> ids, ReloadReport.Builder report) {
        Staging staging = new Staging(Set.copyOf(ids));
        Map<String, Build.Built> built = new LinkedHashMap<>();
        for (String id : ids) {
            CatalogEntry entry = fresh.find(id).orElseThrow();
            Map<String, PluginClassLoader> dependencies = new HashMap<>();
            String missing = null;
            for (String dep : entry.manifest().orElseThrow().dependencies().keySet()) {
                CatalogEntry needed = fresh.find(dep).orElse(known.get(dep));
                if (!runsOnJvm(needed)) {
                    continue;
                }
                if (built.containsKey(dep)) {
                    dependencies.put(
                            dep, (PluginClassLoader) built.get(dep).loaded().loader());
                } else if (active.containsKey(dep) || activate(dep, "needed by plugin '" + id + "' on reload")) {
                    dependencies.put(
                            dep, (PluginClassLoader) active.get(dep).loaded().loader());
                } else {
                    missing = dep;
                }
            }
            Build build = missing != null
                    ? new Build.Failed("its dependency '" + missing + "' could not be activated", null)
                    : build(entry, dependencies, staging, kind -> {});
            if (build instanceof Build.Failed failed) {
                staging.abandon();
                List<String> undo = new ArrayList<>(built.keySet());
                Collections.reverse(undo);
                for (String done : undo) {
                    Build.Built b = built.get(done);
                    b.context().closeAll();
                    deactivateCode(done, b.loaded());
                    unload(done, b.loaded());
                }
                String reason = "the new version of plugin '" + id + "' did not activate, so "
                        + (ids.size() == 1 ? "the running version keeps" : "the running versions of " + ids + " keep")
                        + " serving: " + failed.reason();
                report.failed(id, reason);
                report(Diagnostic.error(
                        "host.reload-failed",
                        id,
                        entry.path(),
                        reason,
                        failed.hint() != null
                                ? failed.hint()
                                : "fix the plugin and save again, or run `pincer plugins reload " + id + "`"));
                return;
            }
            built.put(id, (Build.Built) build);
        }
        List<Active> old = ids.stream().map(active::get).toList();
        staging.commit(registry, () -> {
            // Old services stop before the new ones are added under the same owner; the old
            // generation's hooks, commands and rules go with its context.
            for (Active o : old) {
                serviceProblems(o.entry().id(), services.removeOwner(o.entry().id()));
                o.context().closeAfterSwap();
            }
        });
        for (String id : ids) {
            CatalogEntry entry = fresh.find(id).orElseThrow();
            Build.Built b = built.get(id);
            active.put(id, new Active(entry, b.loaded(), b.context(), b.generation()));
            adopt(entry);
        }
        List<Active> retiring = new ArrayList<>(old);
        Collections.reverse(retiring);
        for (Active o : retiring) {
            String id = o.entry().id();
            Duration patience = settings.callTimeout(
                    o.entry().manifest().orElseThrow().resources().timeout());
            int left = o.generation().retire(patience);
            if (left > 0) {
                report(Diagnostic.warning(
                        "host.reload-drain",
                        id,
                        o.entry().path(),
                        left + " call(s) were still running on generation "
                                + o.generation().number() + " of plugin '" + id + "' after " + patience.toMillis()
                                + " ms; it was unloaded anyway",
                        "a tool call should end within its time limit"));
            }
            deactivateCode(id, o.loaded());
            unload(id, o.loaded());
            hooks.fire(
                    HookPoint.PLUGIN_DEACTIVATED,
                    new PluginEvent(id, o.entry().plugin().versionText()));
        }
        for (String id : ids) {
            Active now = active.get(id);
            checkDeclarations(id, now.entry());
            if (servicesStarted) {
                serviceProblems(id, services.startOwner(id));
            }
            hooks.fire(
                    HookPoint.PLUGIN_ACTIVATED,
                    new PluginEvent(
                            id, now.entry().manifest().orElseThrow().version().text()));
            report.reloaded(id, now.generation().number());
            report(Diagnostic.info(
                    "host.reloaded",
                    id,
                    now.entry().path(),
                    "plugin '" + id + "' reloaded: generation "
                            + now.generation().number() + " serves from now on",
                    null));
        }
    }

    /** Calls the plugin's {@code deactivate} through the guard; a failure is reported, not thrown. */
    private Outcome<Object> deactivateCode(String id, LoadedCode code) {
        return guard.call(id, Phase.DEACTIVATE, code.loader(), settings.deactivationTimeout(), () -> {
            code.plugin().deactivate();
            return null;
        });
    }

    /**
     * Takes {@code entry} as what the host knows about its plugin from now on, moving its lifecycle
     * state to the entry's where the lifecycle allows it.
     */
    private void learn(CatalogEntry entry, ReloadReport.Builder report) {
        String id = entry.id();
        adopt(entry);
        if (!order.contains(id)) {
            order.add(id);
        }
        if (!lifecycle.snapshot().containsKey(id)) {
            lifecycle.track(id, entry.state());
        } else {
            PluginState now = lifecycle.state(id);
            if (now != entry.state() && PluginLifecycle.allowedMoves(now).contains(entry.state())) {
                lifecycle.transition(id, entry.state(), entry.reason());
            }
        }
        lazy.remove(id);
        PluginManifest manifest = entry.manifest().orElse(null);
        if (manifest != null
                && entry.state() == PluginState.RESOLVED
                && runs(manifest)
                && manifest.activation() == ActivationMode.LAZY) {
            lazy.add(manifest);
            report.started(id);
        }
        if (entry.state() != PluginState.RESOLVED) {
            report.notRunning(id, entry.state().label() + ": " + entry.reason());
        }
    }

    /** Records {@code entry} as known, and which of its tools are withheld and why. */
    private void adopt(CatalogEntry entry) {
        unwithhold(known.put(entry.id(), entry));
        withhold(entry);
    }

    /** Forgets a plugin whose folder is gone; its state stays visible as inactive. */
    private void forget(String id) {
        unwithhold(known.remove(id));
        lazy.remove(id);
    }

    /** Drops the reasons the declared tools of {@code entry} (if any) were withheld for. */
    private void unwithhold(CatalogEntry entry) {
        if (entry != null) {
            entry.manifest().ifPresent(m -> m.provides().tools().forEach(t -> withheldTools.remove(t.name())));
        }
    }

    private void withhold(CatalogEntry entry) {
        if (entry.state() != PluginState.RESOLVED) {
            entry.manifest().ifPresent(m -> m.provides()
                    .tools()
                    .forEach(t -> withheldTools.put(
                            t.name(),
                            "tool '" + t.name() + "' belongs to plugin '" + entry.id() + "', which is "
                                    + entry.state().label() + ": " + entry.reason())));
        }
    }

    private String lifecycleReason(String id) {
        return reports.all().stream()
                .filter(d -> id.equals(d.pluginId()) && d.isError())
                .reduce((a, b) -> b)
                .map(Diagnostic::message)
                .orElse("see `pincer plugins doctor`");
    }

    /** Returns the generation of {@code id}'s running code: 1 for its first activation, one more per reload. */
    public synchronized java.util.OptionalLong generationOf(String id) {
        Active plugin = active.get(id);
        return plugin == null
                ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(plugin.generation().number());
    }

    /**
     * Deactivates {@code id}: stops its services, calls {@code deactivate}, withdraws everything it
     * registered and unloads its class loader. Plugins that depend on it are deactivated first.
     */
    public synchronized void deactivate(String id) {
        deactivate(id, null);
    }

    /**
     * Deactivates {@code id} as {@link #deactivate(String)} does; with a {@code failure}, it ends
     * {@code failed} for that reason and its tools answer with it until it is activated again.
     */
    private void deactivate(String id, String failure) {
        Active plugin = active.get(id);
        if (plugin == null) {
            return;
        }
        for (String other : new ArrayList<>(active.keySet())) {
            Active dependant = active.get(other);
            if (dependant != null
                    && dependant.entry().manifest().orElseThrow().dependencies().containsKey(id)) {
                deactivate(other);
            }
        }
        lifecycle.transition(
                id, PluginState.DEACTIVATING, failure == null ? "deactivation asked" : "failing: " + failure);
        if (failure != null) {
            registry.snapshot().ownedBy(id).stream()
                    .filter(c -> c.kind() == CapabilityKind.TOOL)
                    .forEach(c -> withheldTools.put(
                            c.name(),
                            "tool '" + c.name() + "' belongs to plugin '" + id + "', which failed: " + failure));
        }
        serviceProblems(id, services.removeOwner(id));
        Outcome<Object> outcome = deactivateCode(id, plugin.loaded());
        // Events fired while it was active still reach its observers before they are removed.
        hooks.awaitObservers(id, settings.hookTimeout());
        plugin.context().closeAll();
        registry.removeOwner(id);
        hooks.unregisterAll(id);
        commands.unregisterAll(id);
        active.remove(id);
        unload(id, plugin.loaded());
        if (failure != null) {
            lifecycle.transition(id, PluginState.FAILED, failure);
            report(Diagnostic.error(
                    "host.runtime-failed",
                    id,
                    plugin.entry().path(),
                    failure,
                    "`pincer plugins doctor` checks the plugin; fix the cause, then start Pincer again"));
        } else {
            lifecycle.transition(
                    id,
                    outcome.ok() ? PluginState.INACTIVE : PluginState.FAILED,
                    outcome.ok() ? "deactivated and unloaded" : HostReports.message(outcome));
        }
        hooks.fire(
                HookPoint.PLUGIN_DEACTIVATED,
                new PluginEvent(id, plugin.entry().plugin().versionText()));
    }

    /**
     * Stops every service at once (within the service time limit), then deactivates every plugin,
     * newest first.
     */
    public synchronized void stop() {
        serviceProblems(null, services.stopAll(settings.serviceTimeout()));
        List<String> ids = new ArrayList<>(active.keySet());
        Collections.reverse(ids);
        ids.forEach(this::deactivate);
    }

    /**
     * Replaces what the host itself offers under {@code owner} (skills as prompts and slash
     * commands, say) with what {@code registrations} registers on the context it is given. The
     * context is a plugin context with no permissions; its registrations are refused exactly as a
     * plugin's are (a name another owner has is a {@code PluginException}, and a diagnostic).
     *
     * @param owner who the registrations belong to, as listed and audited; must contain a {@code :}
     *     so that it can never be a plugin id, e.g. {@code pincer:skills}
     * @param registrations registers everything {@code owner} offers now; runs on this thread
     * @throws IllegalArgumentException if {@code owner} has no {@code :}
     */
    public synchronized void publish(String owner, Consumer<PluginContext> registrations) {
        if (!owner.contains(":")) {
            throw new IllegalArgumentException(
                    "a host-owned name needs a ':' so that no plugin id can take it, but was '" + owner + "'");
        }
        Staging staging = new Staging(Set.of(owner));
        HostContext context = builtinContext(owner, staging);
        try {
            registrations.accept(context);
        } catch (RuntimeException e) {
            staging.abandon();
            context.closeAll();
            throw e;
        }
        HostContext previous = published.put(owner, context);
        staging.commit(registry, () -> {
            if (previous != null) {
                previous.closeAfterSwap();
            }
        });
    }

    /** Returns a context for the host-owned registrations of {@code owner}: no permissions, host limits. */
    private HostContext builtinContext(String owner, Staging staging) {
        PluginManifest manifest = new PluginManifest(
                owner,
                owner,
                SemanticVersion.of("0.0.0"),
                "offered by Pincer itself",
                null,
                null,
                null,
                new RuntimeSpec.Skills(List.of()),
                Provides.nothing(),
                Map.of(),
                Permissions.none(),
                Resources.defaults(),
                null,
                ActivationMode.STARTUP,
                true,
                JsonNodeFactory.instance.objectNode());
        Path data = settings.dataRoot().resolve(owner.replace(':', '-'));
        PluginAccess access = security.guards()
                .forPlugin(owner, Grants.of(Permissions.none(), security.userHome(), security.workspace()), data);
        return new HostContext(
                manifest,
                access,
                Map.of(),
                data,
                parts,
                PluginHost.class.getClassLoader(),
                new HostContext.ToolLimits(
                        settings.callTimeout(null),
                        new Semaphore(settings.concurrency(null)),
                        settings.hookTimeout(),
                        new Generation(1)),
                Health::healthy,
                staging);
    }

    /** Puts {@code policy} in force for the tool calls that start from now on. */
    public void configurePolicy(dev.pincer.core.config.PolicySettings policy) {
        this.policy.configure(policy);
    }

    /** Returns the one path for reading resources and rendering prompts. */
    public HostContent content() {
        return content;
    }

    /**
     * Calls {@code listener} with the new registry after every change of what plugins registered
     * (activation, deactivation, a registration withdrawn early), on the changing thread; it must
     * be quick.
     *
     * @return a handle that removes the listener
     */
    public Registration onRegistryChange(Consumer<RegistrySnapshot> listener) {
        return registry.onChange(listener);
    }

    /**
     * Calls {@code listener} with every later change of a plugin's state (resolved, loaded, active,
     * failed...) with its reason, on the changing thread; it must be quick and thread-safe.
     *
     * @return a handle that removes the listener
     */
    public Registration onStateChange(Consumer<dev.pincer.core.lifecycle.StateChange> listener) {
        lifecycle.addListener(listener);
        return () -> lifecycle.removeListener(listener);
    }

    /** Returns the one invocation path for tools. */
    public ToolInvoker tools() {
        return invoker;
    }

    /** Returns what the host knows about plugin {@code id} from its latest catalog, if anything. */
    synchronized Optional<CatalogEntry> entry(String id) {
        return Optional.ofNullable(known.get(id));
    }

    /**
     * Dispatches a line typed on a channel: activates the lazy plugin that declares the command
     * first, if needed, then hands the line to the command registry.
     */
    public DispatchResult dispatchCommand(String line, String channelId, String sessionId) {
        CommandRegistry.commandName(line).ifPresent(name -> lazy.forCommand(name)
                .ifPresent(id -> activate(id, "on first use of command /" + name + " on channel " + channelId)));
        return commands.dispatch(line, channelId, sessionId);
    }

    /** Returns the hook bus: where the gateway fires hook points and plugins' handlers wait. */
    public HookBus hooks() {
        return hooks;
    }

    /** Returns the slash-command registry. */
    public CommandRegistry commands() {
        return commands;
    }

    /** Returns the current registry snapshot. */
    public RegistrySnapshot registry() {
        return registry.snapshot();
    }

    /** Returns each plugin's state as the host sees it. */
    public Map<String, PluginState> states() {
        return lifecycle.snapshot();
    }

    /** Returns every callable tool, registered or declared by a lazy plugin, sorted by name. */
    public synchronized List<ToolInfo> toolCatalog() {
        List<ToolInfo> tools = new ArrayList<>();
        for (var capability : registry.snapshot().all(CapabilityKind.TOOL)) {
            ToolEntry entry = capability.valueAs(ToolEntry.class);
            tools.add(new ToolInfo(
                    capability.name(),
                    entry.owner(),
                    entry.spec().description(),
                    entry.spec().inputSchemaJson(),
                    entry.spec().destructive(),
                    false));
        }
        tools.addAll(lazy.toolInfos());
        tools.sort(java.util.Comparator.comparing(ToolInfo::name));
        return List.copyOf(tools);
    }

    /** Returns the tools lazy plugins declare, by tool name, until those plugins are activated. */
    public Map<String, String> lazyTools() {
        return lazy.tools();
    }

    /** Returns the services' states. */
    public List<ServiceStatus> services() {
        return services.statuses();
    }

    /** Returns what went wrong while running plugins, oldest first (the last {@value HostReports#LIMIT}). */
    public List<Diagnostic> reports() {
        return reports.all();
    }

    @Override
    public void close() {
        stop();
        services.close();
        threads.close();
        security.guards().close();
    }

    private boolean runs(PluginManifest manifest) {
        RuntimeType type = manifest.runtime().type();
        return type == RuntimeType.JVM || runtimes.containsKey(type);
    }

    private boolean activateForTool(String toolName) {
        return lazy.forTool(toolName)
                .map(id -> activate(id, "on first call of tool '" + toolName + "'"))
                .orElse(false);
    }

    private HostContext context(
            CatalogEntry entry, PluginManifest manifest, LoadedCode loaded, Generation generation, Staging staging) {
        String id = entry.id();
        Duration timeout = settings.callTimeout(manifest.resources().timeout());
        Semaphore permits =
                new Semaphore(settings.concurrency(manifest.resources().concurrency()));
        Path data = settings.dataRoot().resolve(id);
        Permissions granted =
                entry.standing() == null ? Permissions.none() : entry.standing().granted();
        PluginAccess access =
                security.guards().forPlugin(id, Grants.of(granted, security.userHome(), security.workspace()), data);
        return new HostContext(
                manifest,
                access,
                JsonValues.toImmutable(entry.settings()),
                data,
                parts,
                loaded.loader(),
                new HostContext.ToolLimits(
                        timeout,
                        permits,
                        entry.hookTimeout() == null ? settings.hookTimeout() : entry.hookTimeout(),
                        generation),
                () -> loaded.isUnloaded()
                        ? Health.down("unloaded")
                        : loaded.plugin().health(),
                staging);
    }

    /** Returns what the host does for a non-jvm runtime on behalf of {@code entry}'s plugin. */
    private RuntimeSupport support(CatalogEntry entry) {
        String id = entry.id();
        Permissions granted =
                entry.standing() == null ? Permissions.none() : entry.standing().granted();
        return new RuntimeSupport() {
            @Override
            public Optional<String> httpRefusal(URI target) {
                return security.guards()
                        .httpRefusal(id, Grants.of(granted, security.userHome(), security.workspace()), target);
            }

            @Override
            public void fail(String reason) {
                try {
                    threads.scheduler().execute(() -> failActive(id, reason));
                } catch (RejectedExecutionException e) {
                    // The host is closing: the plugin is being deactivated anyway.
                }
            }
        };
    }

    /** Deactivates {@code id}, if it is active, and marks it failed for {@code reason}. */
    private synchronized void failActive(String id, String reason) {
        if (active.containsKey(id)) {
            deactivate(id, reason);
        }
    }

    private void unload(String id, LoadedCode loaded) {
        for (String leftover : loaded.unload()) {
            report(Diagnostic.warning(
                    "host.leftover",
                    id,
                    null,
                    leftover,
                    "a plugin must stop the threads it starts" + " in deactivate()"));
        }
    }

    private void fail(String id, CatalogEntry entry, String reason) {
        fail(id, entry, reason, null);
    }

    /** Marks {@code id} failed and reports why, with {@code hint} or, when null, a general one. */
    private void fail(String id, CatalogEntry entry, String reason, String hint) {
        lifecycle.transition(id, PluginState.FAILED, reason);
        lazy.remove(id);
        report(Diagnostic.error(
                "host.activation-failed",
                id,
                entry.path(),
                reason,
                hint != null ? hint : "`pincer plugins doctor` checks the plugin; its log may say more"));
    }

    /** Reports each of {@code problems}, which services of {@code id} (or of all, when null) met. */
    private void serviceProblems(String id, List<String> problems) {
        problems.forEach(p -> report(Diagnostic.warning("host.service", id, null, p, null)));
    }

    private void report(Diagnostic diagnostic) {
        reports.add(diagnostic);
    }
}
