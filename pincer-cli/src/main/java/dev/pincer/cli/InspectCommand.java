package dev.pincer.cli;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditQuery;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.discovery.DiscoveredPlugin;
import dev.pincer.core.install.InstallRecord;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.manifest.Resources;
import dev.pincer.core.manifest.RuntimeSpec;
import dev.pincer.core.permissions.Approval;
import dev.pincer.core.permissions.PermissionText;
import dev.pincer.core.permissions.Standing;
import dev.pincer.core.resolve.Requirement;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer plugins inspect <id>}: everything Pincer knows about one plugin.
 *
 * @since 0.1.0
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = "Show one plugin: manifest, state and why, dependencies and how they resolved,"
                + " permissions asked for, settings, shadowed copies and problems.")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The plugin id, as shown by `pincer plugins list`.")
    String id;

    @Option(names = "--json", description = "Print one JSON object, including the manifest as read.")
    boolean json;

    @Option(
            names = "--activate",
            description = "Also run the plugin: activate it (and its dependencies) and its"
                    + " services, then show the state reached, its shape, what it registered, its services and any"
                    + " difference from the manifest. Runs plugin code.")
    boolean activate;

    @Override
    public Integer call() {
        Catalog catalog = plugins.top.scan();
        CatalogEntry entry = Lookup.require(catalog, id);
        PrintWriter out = plugins.top.out();
        List<Diagnostic> problems = catalog.diagnosticsFor(id);
        ActivationReport report = null;
        if (activate) {
            try (RunningHost running = RunningHost.prepared(plugins.top, catalog)) {
                report = ActivationReport.run(running.host(), id);
            }
        }
        Optional<AuditEvent> activated =
                plugins.top.auditLog().query(new AuditQuery(id, null, AuditEvent.Kind.ACTIVATION, 1)).stream()
                        .findFirst();
        Optional<InstallRecord> installed =
                Installs.record(plugins.top, id).filter(r -> r.path().equals(entry.path()));
        if (json) {
            var node = Views.detail(entry, problems);
            installed.ifPresent(r -> node.putObject("installed")
                    .put("source", r.source())
                    .put("kind", r.kind().label())
                    .put("ref", r.ref())
                    .put("commit", r.commit())
                    .put("digest", r.digest())
                    .put("at", r.installedAt().toString()));
            activated.ifPresent(a -> node.putObject("lastActivation")
                    .put("at", a.at().toString())
                    .put("version", a.target())
                    .put("reason", a.reason()));
            if (report != null) {
                node.set("activation", report.json());
            }
            out.println(Views.write(node));
            return 0;
        }
        String title = entry.id() + " " + entry.plugin().versionText();
        out.println(entry.name().equals(entry.id()) ? title : title + "  (" + entry.name() + ")");
        entry.manifest().map(PluginManifest::description).ifPresent(d -> out.println("  " + d));
        field(out, "state", entry.state().label() + " — " + entry.reason());
        field(out, "source", entry.plugin().root().kind().label() + "  " + entry.path());
        installed.ifPresent(r -> field(
                out,
                "installed",
                "from " + r.origin() + " at " + r.installedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        field(out, "manifest", entry.plugin().manifestFile().toString());
        entry.manifest().ifPresent(m -> describe(out, m, entry));
        field(
                out,
                "last activated",
                activated
                        .map(a -> a.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (version " + a.target()
                                + "), " + a.reason())
                        .orElse("never (the audit log has no activation of it)"));
        if (!entry.shadowed().isEmpty()) {
            out.println("  shadowed copies:");
            for (DiscoveredPlugin copy : entry.shadowed()) {
                out.println(
                        "    " + copy.versionText() + "  " + copy.root().kind().label() + "  " + copy.directory());
            }
        }
        if (!problems.isEmpty()) {
            out.println("  problems:");
            problems.forEach(d -> DoctorCommand.print(out, d, "    "));
        }
        if (report != null) {
            report.print(out);
        }
        return 0;
    }

    private static void describe(PrintWriter out, PluginManifest m, CatalogEntry entry) {
        field(out, "runtime", runtime(m.runtime()));
        field(out, "pincer", m.hostRangeIfAny().map(r -> r.text()).orElse("any version"));
        field(out, "activation", m.activation().label());
        provides(out, m.provides());
        if (!m.dependencies().isEmpty()) {
            out.println("  dependencies:");
            if (entry.requirements().isEmpty()) {
                m.dependencies()
                        .forEach((dep, range) -> out.println("    " + dep + " " + range + "  (not resolved: "
                                + entry.state().label() + ")"));
            }
            for (Requirement r : entry.requirements()) {
                out.println("    " + r.id() + " " + r.range() + "  → " + (r.found() == null ? "none" : r.found()) + "  "
                        + r.status().label());
            }
        }
        permissions(out, entry.requestedPermissions(), entry.standing());
        resources(out, m.resources());
        if (entry.displaySettings() != null && !entry.displaySettings().isEmpty()) {
            field(out, "settings", entry.displaySettings().toString());
        }
        if (m.license() != null) {
            field(out, "license", m.license());
        }
        if (m.homepage() != null) {
            field(out, "homepage", m.homepage());
        }
    }

    private static String runtime(RuntimeSpec spec) {
        if (spec instanceof RuntimeSpec.Jvm jvm) {
            return "jvm" + (jvm.main() == null ? " (entry by ServiceLoader)" : " (main " + jvm.main() + ")");
        }
        if (spec instanceof RuntimeSpec.Wasm wasm) {
            return "wasm (module " + wasm.module() + (wasm.wasi() ? ", WASI" : "") + ")";
        }
        if (spec instanceof RuntimeSpec.Mcp mcp) {
            return "mcp (" + (mcp.command() != null ? String.join(" ", prepend(mcp.command(), mcp.args())) : mcp.url())
                    + ")";
        }
        RuntimeSpec.Skills skills = (RuntimeSpec.Skills) spec;
        return "skills" + (skills.paths().isEmpty() ? "" : " " + skills.paths());
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void provides(PrintWriter out, Provides p) {
        if (p.kinds().isEmpty()) {
            field(out, "provides", "nothing declared");
            return;
        }
        out.println("  provides:");
        list(
                out,
                "tools",
                p.tools().stream()
                        .map(t -> t.name() + (t.destructive() ? " (destructive)" : ""))
                        .toList());
        list(out, "commands", p.commands().stream().map(c -> "/" + c.name()).toList());
        list(out, "hooks", p.hooks());
        list(out, "skills", p.skills());
        list(out, "services", p.services());
        list(out, "channels", p.channels());
        list(
                out,
                "stages",
                p.stages().stream()
                        .map(s -> s.name() + " (" + s.direction().label() + ")")
                        .toList());
        list(out, "providers", p.providers());
        list(out, "memory", p.memory());
    }

    private static void permissions(PrintWriter out, Permissions p, Standing standing) {
        if (p.isEmpty()) {
            field(out, "permissions", "none asked for");
            return;
        }
        out.println("  permissions asked for:");
        PermissionText.lines(p).forEach(line -> out.println("    " + line));
        if (standing != null) {
            field(out, "approval", approval(standing));
            if (standing.status() == Standing.Status.PARTIAL || standing.status() == Standing.Status.CHANGED) {
                out.println("  not yet approved (denied until approved):");
                PermissionText.lines(standing.pending()).forEach(line -> out.println("    " + line));
            }
        }
    }

    /** Returns a line saying where the plugin's permissions stand. */
    static String approval(Standing standing) {
        Approval basis = standing.basis();
        return switch (standing.status()) {
            case NOT_NEEDED -> "not needed";
            case APPROVED ->
                "approved for " + basis.version() + " by " + basis.approvedBy() + " at " + basis.approvedAt();
            case PARTIAL ->
                "runs with the grant approved for " + basis.version() + "; the rest waits for `pincer plugins approve "
                        + basis.pluginId() + "`";
            case AWAITING -> "awaiting: nothing approved yet";
            case CHANGED ->
                "awaiting: asks for more than was approved for " + basis.version() + " by " + basis.approvedBy()
                        + "; the difference waits for `pincer plugins approve " + basis.pluginId() + "`";
        };
    }

    private static void resources(PrintWriter out, Resources r) {
        List<String> parts = new ArrayList<>();
        if (r.memoryBytes() != null) {
            parts.add("memory " + r.memoryBytes() / 1024 + " KiB");
        }
        if (r.timeout() != null) {
            parts.add("timeout " + r.timeout().toMillis() + " ms");
        }
        if (r.cpu() != null) {
            parts.add("cpu " + r.cpu().toMillis() + " ms");
        }
        if (r.concurrency() != null) {
            parts.add("concurrency " + r.concurrency());
        }
        if (!parts.isEmpty()) {
            field(out, "resources", String.join(", ", parts));
        }
    }

    private static void list(PrintWriter out, String label, List<String> items) {
        if (!items.isEmpty()) {
            out.println("    " + label + ": " + String.join(", ", items));
        }
    }

    private static void field(PrintWriter out, String label, String value) {
        out.println("  " + label + ": " + value);
    }
}
