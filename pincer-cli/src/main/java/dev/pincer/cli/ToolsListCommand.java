package dev.pincer.cli;

import dev.pincer.core.host.ToolInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pincer tools list}: every tool of the active plugins, and those lazy plugins declare.
 *
 * @since 0.1.0
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "List the tools of every plugin that activates, and the tools lazy plugins declare.",
            "Activating runs plugin code; plugins that fail are reported on standard error."
        })
final class ToolsListCommand implements Callable<Integer> {

    @ParentCommand
    ToolsCommand tools;

    @Option(
            names = "--json",
            description = "Print a JSON array of {name, plugin, description, destructive, lazy," + " inputSchema}.")
    boolean json;

    @Override
    public Integer call() {
        PincerCommand top = tools.top;
        PrintWriter out = top.out();
        try (RunningHost running = RunningHost.start(top, top.scan())) {
            List<ToolInfo> all = running.host().toolCatalog();
            if (json) {
                out.println(Views.write(asJson(all)));
            } else if (all.isEmpty()) {
                out.println("No tools: no active plugin registered one. `pincer plugins list` shows the plugins.");
            } else {
                Table table = new Table(List.of("TOOL", "PLUGIN", "STATE", "DESCRIPTION"), 64, 40, 6, 100);
                all.forEach(t -> table.add(t.name(), t.plugin(), t.lazy() ? "lazy" : "active", t.description()));
                table.print(out);
            }
            return 0;
        }
    }

    private static ArrayNode asJson(List<ToolInfo> all) {
        JsonMapper mapper = JsonMapper.builder().build();
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ToolInfo t : all) {
            ObjectNode node = array.addObject()
                    .put("name", t.name())
                    .put("plugin", t.plugin())
                    .put("description", t.description())
                    .put("destructive", t.destructive())
                    .put("lazy", t.lazy());
            node.set("inputSchema", t.inputSchemaJson() == null ? null : mapper.readTree(t.inputSchemaJson()));
        }
        return array;
    }
}
