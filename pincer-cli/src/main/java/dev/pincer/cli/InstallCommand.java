package dev.pincer.cli;

import dev.pincer.core.install.Fetched;
import dev.pincer.core.install.InstallPlan;
import dev.pincer.core.install.InstallRecord;
import dev.pincer.core.install.Installer;
import dev.pincer.core.install.SourceRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer plugins install <source>}: fetches a plugin into a staging folder, checks it, shows
 * what it asks for, takes approval, and moves it into {@code $PINCER_HOME/plugins/<id>}.
 *
 * @since 0.1.0
 */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Install a plugin from a folder, an archive (.zip, .jar, .tar.gz, .tgz; a file or URL), a git"
                    + " repository, or a plugin index (id or id@version).",
            "It is fetched into $PINCER_HOME/.install, checked (manifest, Pincer version, dependencies, duplicate"
                    + " ids), its permissions are shown for approval, and it is moved into $PINCER_HOME/plugins"
                    + " in one step. A failure at any step leaves everything as it was.",
            "Exit status 1 when the person declines, or when a check fails."
        })
final class InstallCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(
            paramLabel = "SOURCE",
            description = "A plugin folder, an archive file or URL, a git URL, or an index entry (id or id@version).")
    String source;

    @Option(names = "--ref", paramLabel = "REF", description = "The git branch, tag or commit to install.")
    String ref;

    @Option(
            names = "--link",
            description = "Link the folder into $PINCER_HOME/plugins instead of copying it, for development:"
                    + " changes to the folder show at once.")
    boolean link;

    @Option(
            names = {"-y", "--yes"},
            description = "Approve its permissions without asking (for scripts).")
    boolean yes;

    @Option(names = "--force", description = "Replace a copy of the same plugin already in $PINCER_HOME/plugins.")
    boolean force;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        PrintWriter out = top.out();
        Installer installer = Installs.installer(top);
        List<String> indexes =
                top.services().configLoader().load(top.layout()).config().indexes();
        SourceRequest request = new SourceRequest(source, ref, link, indexes);
        Installer.Existing existing = force ? Installer.Existing.REPLACE : Installer.Existing.REFUSE;
        String id;
        try (InstallPlan plan = installer.prepare(request, existing, Installs.progress(top.err()))) {
            id = plan.id();
            out.println("Plugin '" + plan.id() + "' " + plan.version() + " from "
                    + plan.fetched().source() + " (" + plan.fetched().kind().label() + ")");
            java.util.Optional.ofNullable(plan.manifest().description())
                    .flatMap(d -> d.lines().findFirst())
                    .ifPresent(d -> out.println("  " + d));
            plan.previous().ifPresent(p -> out.println("Replaces " + p.version() + " at " + p.path() + " (--force)"));
            plan.warnings().forEach(w -> out.println("warning: " + w));
            Installs.permissions(out, plan);
            if (plan.needsApproval() && !yes) {
                if (!Prompt.confirmed(
                        top, "Install '" + plan.id() + "' " + plan.version() + " and approve these permissions?")) {
                    out.println("Not approved; nothing was installed.");
                    return 1;
                }
            }
            InstallRecord record = installer.place(plan, Installs.actor(top, yes));
            out.println("Installed " + record.pluginId() + " " + record.version() + " from " + record.origin());
            out.println("  at " + record.path()
                    + (record.kind() == Fetched.Kind.LINK
                            ? " (a link to " + plan.fetched().folder() + ")"
                            : ""));
        }
        Installs.outcome(top, id);
        return 0;
    }
}
