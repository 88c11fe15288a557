package dev.pincer.cli;

import dev.pincer.core.install.InstallLimits;
import dev.pincer.core.install.InstallPlan;
import dev.pincer.core.install.InstallRecord;
import dev.pincer.core.install.InstallRecords;
import dev.pincer.core.install.Installer;
import dev.pincer.core.install.Progress;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.RuntimeType;
import dev.pincer.core.permissions.PermissionText;
import dev.pincer.core.permissions.Standing;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the install, update and uninstall commands share: the installer for this run, progress on
 * standard error, the permission prompt, and the closing lines about the catalog.
 *
 * <p>Stateless.
 */
final class Installs {

    private Installs() {}

    /** Returns an installer for {@code top}'s home and store. */
    static Installer installer(PincerCommand top) {
        return new Installer(
                top.layout(),
                top.catalogs(),
                top.services().reader(),
                top.store(),
                Clock.systemUTC(),
                InstallLimits.defaults());
    }

    /** Returns the install record of {@code id} in {@code top}'s store, if any (none without a store yet). */
    static Optional<InstallRecord> record(PincerCommand top, String id) {
        if (!Files.exists(top.storeFile())) {
            return Optional.empty();
        }
        return new InstallRecords(top.store()).find(id);
    }

    /** Returns every install record of {@code top}'s store by plugin id, or none when there is no store yet. */
    static Map<String, InstallRecord> records(PincerCommand top) {
        if (!Files.exists(top.storeFile())) {
            return Map.of();
        }
        Map<String, InstallRecord> out = new TreeMap<>();
        new InstallRecords(top.store()).all().forEach(r -> out.put(r.pluginId(), r));
        return out;
    }

    /**
     * Returns a progress that prints each step, and byte counts at each MiB and at the end, on
     * standard error; the output stays readable when it is not a terminal.
     */
    static Progress progress(PrintWriter err) {
        return new Progress() {
            private long shown = -1;

            @Override
            public void step(String message) {
                err.println(message + " …");
                err.flush();
                shown = -1;
            }

            @Override
            public void bytes(String label, long done, long total) {
                long mib = done >> 20;
                if (done == total || mib != shown) {
                    shown = mib;
                    err.println("  " + label + ": " + size(done) + (total >= 0 ? " of " + size(total) : ""));
                    err.flush();
                }
            }
        };
    }

    private static String size(long bytes) {
        return bytes < 1024
                ? bytes + " B"
                : bytes < 1 << 20 ? bytes / 1024 + " KiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Prints what {@code plan} asks for: everything, with what is new (not yet approved) marked {@code +}. */
    static void permissions(PrintWriter out, InstallPlan plan) {
        Optional<Standing> standing = plan.standing();
        if (standing.isEmpty()) {
            return;
        }
        Standing s = standing.get();
        if (s.status() == Standing.Status.NOT_NEEDED) {
            out.println("It asks for no permissions.");
            return;
        }
        if (!plan.needsApproval()) {
            out.println("It asks for (already approved for " + s.basis().version() + "):");
            PermissionText.lines(s.requested()).forEach(l -> out.println("  " + l));
            return;
        }
        if (s.basis() == null) {
            out.println("It asks for:");
            PermissionText.lines(s.pending()).forEach(l -> out.println("  + " + l));
        } else {
            out.println("Permissions (approved for " + s.basis().version() + "; + marks what is new and needs your"
                    + " approval):");
            PermissionText.lines(s.granted()).forEach(l -> out.println("    " + l));
            PermissionText.lines(s.pending()).forEach(l -> out.println("  + " + l));
        }
        RuntimeType type = plan.manifest().runtime().type();
        if (type == RuntimeType.JVM || type == RuntimeType.MCP) {
            out.println("Note: a " + type.name().toLowerCase(Locale.ROOT) + " plugin is not sandboxed: the grant holds"
                    + " what it does through Pincer's services, but its code can do what your user can. Approve only"
                    + " code you trust.");
        }
    }

    /** Returns who approves: the user, marked when it was by {@code --yes}. */
    static String actor(PincerCommand top, boolean yes) {
        return yes ? top.user() + " (--yes)" : top.user();
    }

    /** Prints where {@code id} stands in a fresh catalog and what to do next. */
    static void outcome(PincerCommand top, String id) {
        PrintWriter out = top.out();
        Optional<CatalogEntry> found = top.scan().find(id);
        if (found.isEmpty()) {
            out.println("Next: `pincer plugins doctor` says why it is not found.");
            return;
        }
        CatalogEntry entry = found.get();
        out.println("State: " + entry.state().label() + " — " + entry.reason());
        PluginState state = entry.state();
        String next;
        if (state == PluginState.DISABLED) {
            next = "enable it with `pincer plugins enable " + id + "`.";
        } else if (state == PluginState.AWAITING_APPROVAL) {
            next = "approve what it asks for with `pincer plugins approve " + id + "`.";
        } else if (state == PluginState.RESOLVED) {
            next = "a running gateway picks it up by itself (hot reload); `pincer plugins inspect " + id
                    + "` shows it, and `pincer tools list` its tools.";
        } else {
            next = "`pincer plugins doctor` says what to fix.";
        }
        if (!entry.plugin().root().path().equals(top.layout().home().resolve("plugins"))) {
            next = "the copy in the " + entry.plugin().root().kind().label() + " root (" + entry.path()
                    + ") is the one used; remove it to use the installed one.";
        }
        out.println("Next: " + next);
    }
}
