package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.agent.Gateway;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Severity;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.host.HostMemory;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.HostSkills;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.memory.MemoryChoice;
import dev.pincer.core.reload.Reloader;
import dev.pincer.core.runtime.PluginRuntime;
import dev.pincer.core.skills.SkillFacts;
import dev.pincer.core.skills.SkillLibrary;
import dev.pincer.core.skills.SkillLimits;
import dev.pincer.core.skills.SkillRoot;
import dev.pincer.core.skills.SkillsRuntime;
import dev.pincer.core.skills.proposals.ProposalBook;
import dev.pincer.core.skills.proposals.ProposalWatcher;
import dev.pincer.mcp.runtime.McpRuntime;
import dev.pincer.wasm.WasmRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a {@link PluginHost} over a catalog for one command and stops it afterwards, telling the
 * person about plugins that failed on the way.
 *
 * <p>Not thread-safe; one per command run.
 */
final class RunningHost implements AutoCloseable {

    private final PluginHost host;
    private final WasmRuntime wasm;
    private final McpRuntime mcp;
    private final SkillsRuntime skillsRuntime = new SkillsRuntime(SkillLimits.defaults());
    private final PrintWriter err;
    private HostSkills skills;
    private HostMemory memory;
    private int reported;

    private RunningHost(PincerCommand top, Catalog catalog) {
        this.wasm = new WasmRuntime(catalog.config().sandbox());
        this.mcp = new McpRuntime(top.env());
        this.host = newHost(top, catalog, List.of(wasm, mcp, skillsRuntime));
        this.err = top.err();
    }

    /** Starts a host for the plugins of {@code catalog}; plugin data lives under {@code home/data}. */
    static RunningHost start(PincerCommand top, Catalog catalog) {
        return start(top, ConfigLoader.create().load(top.layout()), catalog);
    }

    /**
     * Starts a host for the plugins of {@code catalog}, scanned under {@code config}, with skills
     * and the memory the {@code memory} slot of {@code config} chooses.
     */
    static RunningHost start(PincerCommand top, ConfigLoadResult config, Catalog catalog) {
        RunningHost running = new RunningHost(top, catalog);
        running.host.start(catalog);
        running.skills =
                HostSkills.start(running.host, library(top, catalog), running.skillsRuntime, declaredCommands(catalog));
        running.memory =
                HostMemory.start(running.host, top.store(), MemoryChoice.of(config, catalog), Clock.systemUTC());
        running.reportProblems();
        return running;
    }

    /** Returns a host that knows {@code catalog} but has activated nothing yet. */
    static RunningHost prepared(PincerCommand top, Catalog catalog) {
        RunningHost running = new RunningHost(top, catalog);
        running.host.prepare(catalog);
        return running;
    }

    /**
     * Returns a host whose tool calls and guarded uses go to the audit log in {@code pincer.db} (tool
     * calls also to the skill proposals, when enabled),
     * whose guards let plugins reach the private hosts the home config allows (each request within
     * its {@code [network] http_timeout}), and which runs
     * WebAssembly plugins under the home config's {@code [sandbox]} limits and MCP servers as
     * supervised child processes (found on the PATH Pincer was started with).
     */
    private static PluginHost newHost(PincerCommand top, Catalog catalog, List<PluginRuntime> runtimes) {
        HostLayout layout = top.layout();
        AuditLog audit = top.auditLog();
        audit.keepFor(catalog.config().audit().keep().orElse(null), Clock.systemUTC());
        GuardSettings limits = GuardSettings.defaults()
                .withPrivateHosts(catalog.config().network().privateHosts().stream()
                        .map(Object::toString)
                        .collect(Collectors.toSet()))
                .withHttpTimeout(catalog.config().network().httpTimeout());
        HostSecurity security = new HostSecurity(
                proposing(top, catalog, audit),
                audit::spentSince,
                Guards.create(limits, audit, top.env()),
                Path.of(top.env().getOrDefault("HOME", layout.home().toString())),
                layout.workspace());
        return new PluginHost(
                HostSettings.defaults(layout.home().resolve("data")), Clock.systemUTC(), security, runtimes);
    }

    /**
     * Returns {@code audit} itself, or, when the home config enables {@code [skills.proposals]}, a
     * sink that also turns repeated sequences of tool calls into pending skill proposals and says
     * so on standard error.
     */
    private static AuditSink proposing(PincerCommand top, Catalog catalog, AuditLog audit) {
        PrintWriter err = top.err();
        return ProposalWatcher.around(
                audit,
                catalog.config().skills(),
                top.store(),
                new ProposalBook(top.store(), Clock.systemUTC()),
                p -> err.println("note: the tool calls " + p.steps() + " were repeated " + p.seen()
                        + " times, so Pincer proposed the skill '" + p.name() + "' (proposal " + p.id()
                        + "). It is not loaded until a person approves it: `pincer skills approve " + p.id()
                        + "`, or `pincer skills reject " + p.id() + "`."),
                problem -> err.println("warning: skill proposals: " + problem));
    }

    PluginHost host() {
        return host;
    }

    /**
     * Starts keeping the host in step with the disk (unless {@code [reload] watch = false}): plugin
     * roots, skills roots and config files are watched, and what the reloader does is printed to
     * standard error. The caller closes the reloader before this host.
     *
     * @param config the configuration {@code catalog} was scanned under
     */
    Reloader watch(PincerCommand top, ConfigLoadResult config, Catalog catalog) {
        Reloader reloader = new Reloader(
                host,
                top.layout(),
                config,
                catalog,
                top::scan,
                skills().current().roots().stream().map(SkillRoot::path).toList(),
                skills()::refresh,
                line -> {
                    err.println(line);
                    err.flush();
                });
        if (memory != null) {
            HostMemory following = memory;
            reloader.onReloaded((loaded, fresh) -> {
                MemoryChoice next = MemoryChoice.of(loaded, fresh);
                MemoryChoice now = following.choice();
                if (next.kind() != now.kind() || !java.util.Objects.equals(next.pluginId(), now.pluginId())) {
                    following.choose(next);
                    err.println("memory: now " + next.describe());
                    err.flush();
                }
            });
        }
        reloader.watch();
        return reloader;
    }

    /**
     * Starts the agent side over this started host ({@code [agent]} of the home config): channels,
     * stages, sessions and agent turns; what it reports goes to standard error. The caller stops
     * it before this host.
     */
    Gateway agent(PincerCommand top, Catalog catalog) {
        return Gateway.start(
                host,
                catalog.config().agent(),
                top.layout().workspace(),
                skills()::current,
                PincerVersion.current().toString(),
                Clock.systemUTC(),
                line -> {
                    err.println("pincer: " + line);
                    err.flush();
                });
    }

    /** Returns the skills offered as prompts, commands and resources; only for a started host. */
    HostSkills skills() {
        if (skills == null) {
            throw new IllegalStateException("skills are published only by a started host");
        }
        return skills;
    }

    /**
     * Returns the skills of the roots of {@code top}'s layout, trusted as the home config says,
     * gated on this machine's PATH, environment and operating system.
     */
    static SkillLibrary library(PincerCommand top, Catalog catalog) {
        return new SkillLibrary(
                top.layout(),
                catalog.config().skills(),
                SkillFacts.of(top.env(), System.getProperty("os.name")),
                SkillLimits.defaults());
    }

    /** Returns the command names every plugin declares, which skills leave to the plugins. */
    private static Set<String> declaredCommands(Catalog catalog) {
        return catalog.entries().stream()
                .flatMap(e -> e.manifest().stream())
                .flatMap(m -> m.provides().commands().stream())
                .map(Provides.Command::name)
                .collect(Collectors.toSet());
    }

    /** Prints the warnings and errors the host reported since the last call, to standard error. */
    void reportProblems() {
        List<Diagnostic> reports = host.reports();
        for (Diagnostic d : reports.subList(Math.min(reported, reports.size()), reports.size())) {
            if (d.severity() != Severity.INFO) {
                err.println(d.severity().label() + ": " + d.message());
            }
        }
        reported = reports.size();
    }

    @Override
    public void close() {
        if (skills != null) {
            skills.close();
        }
        if (memory != null) {
            memory.close();
        }
        host.close();
        mcp.close();
        wasm.close();
        reportProblems();
    }
}
