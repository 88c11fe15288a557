package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.install.InstallRecord;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginState;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pincer plugins list}: every installed plugin with its state and the reason for it.
 *
 * @since 0.1.0
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "List every plugin found, with its state (resolved, disabled, blocked, failed) and why.",
            "Problems are summarised at the end; `pincer plugins doctor` explains them."
        })
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Option(
            names = "--json",
            description = "Print a JSON array of objects (id, name, version, runtime, state,"
                    + " reason, source, path, description, and installed {source, kind} for plugins"
                    + " `pincer plugins install` installed).")
    boolean json;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        Catalog catalog = top.scan();
        PrintWriter out = top.out();
        if (json) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            Map<String, InstallRecord> installed = Installs.records(top);
            for (CatalogEntry e : catalog.entries()) {
                ObjectNode node = Views.summary(e);
                InstallRecord record = installed.get(e.id());
                if (record != null && record.path().equals(e.path())) {
                    node.putObject("installed")
                            .put("source", record.source())
                            .put("kind", record.kind().label());
                }
                array.add(node);
            }
            out.println(Views.write(array));
            return 0;
        }
        if (catalog.entries().isEmpty()) {
            out.println("No plugins found. Pincer looked in:");
            catalog.roots().forEach(r -> out.println("  " + r.describe()));
            out.println("Create one with `pincer plugins create <name>`, or put plugin folders in one of these.");
        } else {
            Table table =
                    new Table(List.of("ID", "VERSION", "RUNTIME", "STATE", "SOURCE", "REASON"), 40, 20, 8, 9, 9, 90);
            for (CatalogEntry e : catalog.entries()) {
                table.add(
                        e.id(),
                        e.plugin().versionText(),
                        e.runtime(),
                        e.state().label(),
                        e.plugin().root().kind().label(),
                        e.reason());
            }
            table.print(out);
            out.println();
            out.println(summary(catalog));
        }
        long errors = catalog.diagnostics().stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            out.println(errors + (errors == 1 ? " problem needs" : " problems need")
                    + " attention: run `pincer plugins doctor`.");
        }
        return 0;
    }

    private static String summary(Catalog catalog) {
        Map<PluginState, Long> counts = new EnumMap<>(PluginState.class);
        catalog.entries().forEach(e -> counts.merge(e.state(), 1L, Long::sum));
        int total = catalog.entries().size();
        return total
                + (total == 1 ? " plugin: " : " plugins: ")
                + counts.entrySet().stream()
                        .map(c -> c.getValue() + " " + c.getKey().label())
                        .collect(Collectors.joining(", "));
    }
}
