package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Severity;
import dev.pincer.core.lifecycle.Catalog;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pincer plugins doctor}: every problem Pincer found, with where and what to do.
 *
 * @since 0.1.0
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Check every plugin root, manifest, config file and dependency.",
            "Prints each finding with its severity, code, plugin, file, message and a hint.",
            "Exit status 1 when any finding is an error, 0 otherwise."
        })
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Option(
            names = "--json",
            description = "Print one JSON object: hostVersion, roots, counts and diagnostics"
                    + " (severity, code, pluginId, path, message, hint).")
    boolean json;

    @Override
    public Integer call() {
        Catalog catalog = plugins.top.scan();
        PrintWriter out = plugins.top.out();
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        catalog.diagnostics().forEach(d -> counts.merge(d.severity(), 1, Integer::sum));
        if (json) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("hostVersion", catalog.hostVersion().text());
            ArrayNode roots = node.putArray("roots");
            catalog.roots()
                    .forEach(r -> roots.add(JsonNodeFactory.instance
                            .objectNode()
                            .put("kind", r.kind().label())
                            .put("path", r.path().toString())));
            node.put("plugins", catalog.entries().size());
            ObjectNode countNode = node.putObject("counts");
            counts.forEach((s, n) -> countNode.put(s.label(), n));
            ArrayNode list = node.putArray("diagnostics");
            catalog.diagnostics().forEach(d -> list.add(Views.diagnostic(d)));
            out.println(Views.write(node));
        } else {
            out.println("Pincer " + catalog.hostVersion() + " checked "
                    + count(catalog.entries().size(), "plugin") + " in:");
            catalog.roots().forEach(r -> out.println("  " + r.describe()));
            out.println();
            catalog.diagnostics().forEach(d -> print(out, d, ""));
            out.println(
                    catalog.diagnostics().isEmpty()
                            ? "No problems found."
                            : count(counts.get(Severity.ERROR), "error") + ", "
                                    + count(counts.get(Severity.WARNING), "warning") + ", "
                                    + count(counts.get(Severity.INFO), "note") + ".");
        }
        return catalog.hasErrors() ? 1 : 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Prints one finding as three lines at most: severity and subject, message, hint. */
    static void print(PrintWriter out, Diagnostic d, String indent) {
        StringBuilder head = new StringBuilder(indent)
                .append(d.severity().label())
                .append(" [")
                .append(d.code())
                .append(']');
        if (d.pluginId() != null) {
            head.append(" ").append(d.pluginId());
        }
        if (d.path() != null) {
            head.append("  ").append(d.path());
        }
        out.println(head);
        out.println(indent + "  " + d.message());
        d.hintIfAny().ifPresent(h -> out.println(indent + "  hint: " + h));
        out.println();
    }
}
