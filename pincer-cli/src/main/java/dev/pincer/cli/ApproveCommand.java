package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.RuntimeType;
import dev.pincer.core.permissions.Approvals;
import dev.pincer.core.permissions.PermissionRequest;
import dev.pincer.core.permissions.PermissionText;
import dev.pincer.core.permissions.Standing;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer plugins approve <id>}: shows what a plugin asks for, asks the person, and records
 * the approval for that plugin version.
 *
 * <p>Permissions taken from the plugin's settings ({@code ${config.…}} in its manifest) are shown
 * and approved as the settings resolve them. When an earlier version was approved, or this version
 * was approved before its settings asked for more, only the difference is asked for.
 *
 * @since 0.1.0
 */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Show the permissions a plugin asks for and approve them for its current version.",
            "When an earlier version was approved, only what is new is shown as needing approval.",
            "Exit status 1 when the person declines or no answer can be read (use --yes in scripts)."
        })
final class ApproveCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The plugin id, as shown by `pincer plugins list`.")
    String id;

    @Option(
            names = {"-y", "--yes"},
            description = "Approve without asking (for scripts). The approval is recorded as given with --yes.")
    boolean yes;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        PrintWriter out = top.out();
        Catalog catalog = top.scan();
        CatalogEntry entry = Lookup.require(catalog, id);
        PluginManifest manifest = entry.manifest()
                .orElseThrow(() -> new PincerException(
                        "cli.invalid-manifest",
                        id,
                        entry.plugin().manifestFile(),
                        "plugin '" + id + "' has an invalid manifest, so there is nothing Pincer can approve",
                        "`pincer plugins doctor " + id + "` says what to fix"));
        String version = manifest.version().text();
        Approvals approvals = new Approvals(top.store(), Clock.systemUTC());
        Standing standing = Standing.of(id, version, requested(top, catalog, entry, manifest), approvals);
        switch (standing.status()) {
            case NOT_NEEDED:
                out.println("'" + id + "' " + version + " asks for no permissions; there is nothing to approve.");
                return 0;
            case APPROVED:
                out.println("'" + id + "' " + version + " is already approved (by "
                        + standing.basis().approvedBy() + " for "
                        + standing.basis().version() + "):");
                PermissionText.lines(standing.requested()).forEach(l -> out.println("  " + l));
                return 0;
            default:
                break;
        }
        describe(out, entry, manifest, standing);
        if (!yes && !confirmed(top, version)) {
            return 1;
        }
        String actor = yes ? top.user() + " (--yes)" : top.user();
        approvals.approve(id, version, standing.toApprove(), actor);
        out.println("Approved: '" + id + "' " + version + " may now use what it asked for.");
        CatalogEntry after = Lookup.require(top.scan(), id);
        out.println("'" + id + "' is now " + after.state().label() + ": " + after.reason());
        return 0;
    }

    /**
     * Returns what the plugin asks for, its {@code ${config.…}} placeholders resolved from its
     * settings: as the catalog weighed it, or, for a plugin the catalog did not weigh (disabled,
     * blocked, or failed), worked out here.
     */
    private Permissions requested(PincerCommand top, Catalog catalog, CatalogEntry entry, PluginManifest manifest) {
        if (entry.standing() != null) {
            return entry.standing().requested();
        }
        PermissionRequest request = PermissionRequest.of(manifest, catalog.config(), top.env());
        if (request.failure() != null) {
            Diagnostic first = request.diagnostics().get(0);
            throw new PincerException(
                    "cli.unresolved-permissions",
                    id,
                    first.path() != null ? first.path() : entry.plugin().manifestFile(),
                    "plugin '" + id + "' takes permissions from its settings, and they cannot be worked out, so"
                            + " there is nothing to approve yet: " + request.failure(),
                    first.hint());
        }
        return request.permissions();
    }

    private static void describe(PrintWriter out, CatalogEntry entry, PluginManifest manifest, Standing standing) {
        String version = manifest.version().text();
        out.println("Plugin '" + manifest.id() + "' " + version + " (" + entry.path() + ") asks for:");
        PermissionText.lines(standing.requested()).forEach(l -> out.println("  " + l));
        List<String> placeholders = placeholders(manifest.permissions());
        if (!placeholders.isEmpty()) {
            out.println("(taken from its settings: " + String.join(", ", placeholders)
                    + "; when they change, Pincer asks again)");
        }
        if (standing.status() == Standing.Status.PARTIAL) {
            out.println();
            out.println("Version " + standing.basis().version() + " was approved for:");
            PermissionText.lines(standing.granted()).forEach(l -> out.println("  " + l));
            out.println("New in " + version + " (only this needs your approval):");
            PermissionText.lines(standing.pending()).forEach(l -> out.println("  + " + l));
        } else if (standing.status() == Standing.Status.CHANGED) {
            out.println();
            out.println(version + " was approved before for:");
            PermissionText.lines(standing.granted()).forEach(l -> out.println("  " + l));
            out.println("New since then, from its settings or its manifest (only this needs your approval):");
            PermissionText.lines(standing.pending()).forEach(l -> out.println("  + " + l));
        }
        out.println();
        if (manifest.runtime().type() == RuntimeType.JVM) {
            out.println("Note: this is a jvm plugin. It runs inside Pincer's own JVM: the grant holds what it does"
                    + " through Pincer's services (HTTP, files, environment, processes), but it is not a sandbox."
                    + " Approve only plugins whose code you trust.");
        } else if (manifest.runtime().type() == RuntimeType.MCP) {
            out.println("Note: this is an mcp plugin. Its server runs as a child process with only the granted"
                    + " environment names, in a folder of its own, and a filesystem grant reaches it only through"
                    + " its arguments (${roots}); but it is not a sandbox: the child can reach the network and"
                    + " every file your user can. Approve only servers you trust.");
        } else {
            out.println("Every use of these permissions goes through Pincer's guards and is recorded in the audit"
                    + " log (`pincer audit --plugin " + manifest.id() + "`).");
        }
    }

    /** Returns lines such as {@code network from setting 'baseUrl'} for the manifest's placeholders. */
    private static List<String> placeholders(Permissions written) {
        List<String> out = new ArrayList<>();
        written.network()
                .forEach(n -> Permissions.configKey(n).ifPresent(k -> out.add("network from setting '" + k + "'")));
        written.env().forEach(e -> Permissions.configKey(e).ifPresent(k -> out.add("env from setting '" + k + "'")));
        return out;
    }

    private boolean confirmed(PincerCommand top, String version) {
        if (Prompt.confirmed(top, "Approve these permissions for '" + id + "' " + version + "?")) {
            return true;
        }
        top.out().println("Not approved; nothing changed. '" + id + "' keeps its current standing.");
        return false;
    }
}
