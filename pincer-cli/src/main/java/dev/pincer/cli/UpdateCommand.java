package dev.pincer.cli;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.install.Fetched;
import dev.pincer.core.install.InstallPlan;
import dev.pincer.core.install.InstallRecord;
import dev.pincer.core.install.InstallRecords;
import dev.pincer.core.install.Installer;
import dev.pincer.core.install.Updater;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pincer plugins update <id>|--all}: fetches installed plugins again from their recorded
 * source, shows the version change and the permission difference, asks approval for what is new,
 * and replaces the installed copy.
 *
 * @since 0.1.0
 */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Update installed plugins from where they were installed: git from the same ref (or the default"
                    + " branch), an index to its newest version, a folder or archive from the same place. A linked"
                    + " folder has nothing to update.",
            "Shows each version change and the permissions that are new; those need approval (or --yes).",
            "Exit status 1 when an update failed or was declined."
        })
final class UpdateCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The plugin to update.")
    String id;

    @Option(names = "--all", description = "Update every plugin Pincer installed.")
    boolean all;

    @Option(names = "--dry-run", description = "Fetch and show what would change, and change nothing.")
    boolean dryRun;

    @Option(
            names = {"-y", "--yes"},
            description = "Approve new permissions without asking (for scripts).")
    boolean yes;

    @Override
    public Integer call() {
        if ((id == null) == !all) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Name one plugin to update, or pass --all (not both)");
        }
        PincerCommand top = plugins.top;
        Installer installer = Installs.installer(top);
        List<String> indexes =
                top.services().configLoader().load(top.layout()).config().indexes();
        Updater updater = new Updater(installer, new InstallRecords(top.store()), indexes);
        List<InstallRecord> records = all ? updater.installed() : List.of(updater.record(id));
        if (records.isEmpty()) {
            top.out().println("No plugin was installed by `pincer plugins install`; there is nothing to update.");
            return 0;
        }
        boolean ok = true;
        for (InstallRecord record : records) {
            try {
                ok &= update(top, installer, updater, record);
            } catch (PincerException e) {
                if (!all) {
                    throw e;
                }
                top.err().println("error: " + record.pluginId() + ": " + e.getMessage());
                ok = false;
            }
        }
        if (dryRun) {
            top.out().println("Dry run: nothing was changed.");
        }
        return ok ? 0 : 1;
    }

    private boolean update(PincerCommand top, Installer installer, Updater updater, InstallRecord record) {
        PrintWriter out = top.out();
        String pluginId = record.pluginId();
        if (record.kind() == Fetched.Kind.LINK) {
            out.println(pluginId + ": linked to " + record.source() + "; nothing to update (the link always shows"
                    + " the folder as it is)");
            return true;
        }
        Optional<InstallPlan> prepared = updater.prepare(record, Installs.progress(top.err()));
        try (InstallPlan plan = prepared.orElseThrow()) {
            String from = plan.previous().map(InstallPlan.Previous::version).orElse(record.version());
            if (current(record, plan, from)) {
                out.println(pluginId + ": " + from + " is up to date (" + record.origin() + ")");
                return true;
            }
            out.println(pluginId + ": " + from + " -> " + plan.version()
                    + (from.equals(plan.version()) ? " (same version, fetched again)" : ""));
            plan.warnings().forEach(w -> out.println("warning: " + w));
            Installs.permissions(out, plan);
            if (dryRun) {
                return true;
            }
            if (plan.needsApproval() && !yes) {
                if (!Prompt.confirmed(top, "Update '" + pluginId + "' and approve what is new?")) {
                    out.println(pluginId + ": not updated; " + from + " stays as it was.");
                    return false;
                }
            }
            InstallRecord placed = installer.place(plan, Installs.actor(top, yes));
            out.println("Updated " + pluginId + " " + from + " -> " + placed.version() + " from " + placed.origin());
        }
        Installs.outcome(top, pluginId);
        return true;
    }

    /** Returns whether the fetched copy is the one installed: same version and the same commit or digest. */
    private static boolean current(InstallRecord record, InstallPlan plan, String from) {
        Fetched fetched = plan.fetched();
        boolean sameBits = (fetched.commit() != null && fetched.commit().equals(record.commit()))
                || (fetched.digest() != null && fetched.digest().equals(record.digest()));
        return sameBits && Objects.equals(from, plan.version()) && Files.exists(record.path());
    }
}
