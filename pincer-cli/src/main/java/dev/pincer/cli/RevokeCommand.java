package dev.pincer.cli;

import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.permissions.Approvals;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer plugins revoke <id>}: withdraws every approval of a plugin; it waits for approval
 * again.
 *
 * @since 0.1.0
 */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Withdraw every approval given to a plugin, for all its versions.",
            "A plugin that asks for permissions then waits for approval again."
        })
final class RevokeCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The plugin id.")
    String id;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        PrintWriter out = top.out();
        Catalog catalog = top.scan();
        Approvals approvals = new Approvals(top.store(), Clock.systemUTC());
        int removed = approvals.revoke(id, top.user());
        if (removed == 0) {
            if (catalog.find(id).isEmpty()) {
                Lookup.require(catalog, id);
            }
            out.println("'" + id + "' has no approval to revoke.");
            return 0;
        }
        out.println("Revoked " + removed + (removed == 1 ? " approval" : " approvals") + " of '" + id + "'.");
        top.scan()
                .find(id)
                .ifPresent(e -> out.println("'" + id + "' is now " + e.state().label() + ": " + e.reason()));
        return 0;
    }
}
