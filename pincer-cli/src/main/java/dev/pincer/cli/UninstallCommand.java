package dev.pincer.cli;

import dev.pincer.core.install.InstallRecord;
import dev.pincer.core.install.Uninstaller;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer plugins uninstall <id>}: removes a plugin Pincer installed, with its record, its
 * approvals and (unless kept) its data folder.
 *
 * @since 0.1.0
 */
@Command(
        name = "uninstall",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Remove a plugin that `pincer plugins install` installed: its folder (for a link, only the link),"
                    + " its install record, its approvals, and its data folder $PINCER_HOME/data/<id>.",
            "Refuses when enabled plugins depend on it (naming them) unless --force, and refuses plugins from"
                    + " other places (bundled, workspace, config paths).",
            "Exit status 1 when refused."
        })
final class UninstallCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The plugin id.")
    String id;

    @Option(names = "--keep-data", description = "Keep its data folder for a later install.")
    boolean keepData;

    @Option(names = "--dry-run", description = "Show what would be removed, and remove nothing.")
    boolean dryRun;

    @Option(
            names = "--force",
            description = "Remove it even though enabled plugins depend on it (they then fail to resolve).")
    boolean force;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        PrintWriter out = top.out();
        Uninstaller uninstaller = new Uninstaller(top.layout(), top.catalogs(), top.store(), Clock.systemUTC());
        Uninstaller.Removal removal = uninstaller.plan(
                id,
                keepData ? Uninstaller.Data.KEEP : Uninstaller.Data.DELETE,
                force ? Uninstaller.Dependents.IGNORE : Uninstaller.Dependents.REFUSE);
        InstallRecord record = removal.record();
        String verb = dryRun ? "Would remove" : "Removing";
        out.println(verb + " " + id + " " + record.version() + ", installed from " + record.origin() + ":");
        if (!removal.present()) {
            out.println("  " + record.path() + " (already gone)");
        } else if (removal.link()) {
            out.println("  the link " + record.path() + " (its target " + record.source() + " is kept)");
        } else {
            out.println("  the folder " + record.path());
        }
        out.println("  its install record and its approvals (installing it again asks again)");
        if (removal.deletedData() != null) {
            out.println("  its data folder " + removal.deletedData());
        }
        if (removal.keptData() != null) {
            out.println("  (its data folder " + removal.keptData() + " is kept)");
        }
        if (!removal.dependents().isEmpty()) {
            out.println("warning: these enabled plugins depend on it and will fail to resolve: "
                    + String.join(", ", removal.dependents()));
        }
        if (dryRun) {
            out.println("Dry run: nothing was changed.");
            return 0;
        }
        uninstaller.apply(removal, top.user());
        out.println("Uninstalled " + id + ". A running gateway unloads it by itself (hot reload).");
        return 0;
    }
}
