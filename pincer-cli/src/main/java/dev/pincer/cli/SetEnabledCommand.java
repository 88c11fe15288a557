package dev.pincer.cli;

import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Shared body of {@code plugins enable} and {@code plugins disable}: write the home config, then
 * scan again and report the state that results, which the workspace config may still override.
 */
abstract class SetEnabledCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The plugin id, as shown by `pincer plugins list`.")
    String id;

    /** Returns the value written to {@code enabled}. */
    abstract boolean target();

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        PrintWriter out = top.out();
        Lookup.require(top.scan(), id);
        List<String> changes = top.configEditor().setEnabled(top.layout().homeConfig(), id, target());
        changes.forEach(out::println);
        Catalog after = top.scan();
        CatalogEntry entry = Lookup.require(after, id);
        out.println("'" + id + "' is now " + entry.state().label() + ": " + entry.reason());
        if (!target()) {
            after.entries().stream()
                    .filter(e -> e.manifest()
                            .map(m -> m.dependencies().containsKey(id))
                            .orElse(false))
                    .filter(e -> e.state() == PluginState.FAILED)
                    .forEach(e ->
                            out.println("note: '" + e.id() + "' depends on '" + id + "' and can no longer be used"));
        }
        // Waiting for approval or failing still means enabled: the config no longer switches it off.
        boolean off = entry.state() == PluginState.DISABLED || entry.state() == PluginState.BLOCKED;
        boolean asked = target() != off;
        if (!asked) {
            out.println("note: another setting still decides; see the reason above");
        }
        return 0;
    }
}
