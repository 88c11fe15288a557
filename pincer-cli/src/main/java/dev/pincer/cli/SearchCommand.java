package dev.pincer.cli;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.install.IndexEntry;
import dev.pincer.core.install.InstallLimits;
import dev.pincer.core.install.PluginIndex;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code pincer plugins search <query>}: lists the plugins in the configured indexes whose id, name
 * or description contains the query.
 *
 * @since 0.1.0
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Search the plugin indexes named in [plugins] indexes of the home config (or one given with"
                    + " --index) for plugins whose id, name or description contains the query.",
            "Install a result with `pincer plugins install <id>` or `<id>@<version>`."
        })
final class SearchCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "QUERY", description = "Words to look for; empty (\"\") lists everything.")
    String query;

    @Option(
            names = "--index",
            paramLabel = "LOCATION",
            description = "Search this index (a file or URL) instead of the configured ones.")
    String index;

    @Option(names = "--json", description = "Print a JSON array of the matches.")
    boolean json;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        PrintWriter out = top.out();
        List<String> locations = index != null
                ? List.of(index)
                : top.services().configLoader().load(top.layout()).config().indexes();
        if (locations.isEmpty()) {
            throw new PincerException(
                    "install.no-index",
                    null,
                    top.layout().homeConfig(),
                    "no plugin index is configured, so there is nothing to search",
                    "add `indexes = [\"<file or URL>\"]` under [plugins] in "
                            + top.layout().homeConfig() + ", or pass --index <file or URL>");
        }
        List<IndexEntry> found = new ArrayList<>();
        for (String location : locations) {
            found.addAll(PluginIndex.load(location, InstallLimits.defaults(), Installs.progress(top.err()))
                    .search(query));
        }
        if (json) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            found.forEach(e -> array.addObject()
                    .put("id", e.id())
                    .put("version", e.version())
                    .put("description", e.description())
                    .put("index", e.index()));
            out.println(Views.write(array));
            return 0;
        }
        if (found.isEmpty()) {
            out.println("No plugin in " + String.join(", ", locations) + " matches '" + query + "'.");
            return 0;
        }
        Table table = new Table(List.of("ID", "VERSION", "DESCRIPTION", "INDEX"), 40, 20, 60, 200);
        found.forEach(e -> table.add(e.id(), e.version(), e.description(), e.index()));
        table.print(out);
        return 0;
    }
}
