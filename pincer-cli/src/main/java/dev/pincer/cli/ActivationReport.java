package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.RegistrySnapshot;
import dev.pincer.core.services.ServiceStatus;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code plugins inspect --activate} learns by running a plugin: the state it reached, its
 * shape, what it registered, its services, and every problem on the way (including differences
 * from what the manifest declares).
 *
 * <p>Immutable.
 *
 * @param state the state after activation and service start
 * @param shape the plugin's shape, e.g. "tools and hooks"
 * @param registered registered names by capability kind
 * @param services the plugin's services
 * @param problems what went wrong, and mismatches with the manifest
 */
record ActivationReport(
        PluginState state,
        String shape,
        Map<CapabilityKind, List<String>> registered,
        List<ServiceStatus> services,
        List<Diagnostic> problems) {

    /** Activates {@code id} (with its dependencies) and its services in {@code host}, and reports. */
    static ActivationReport run(PluginHost host, String id) {
        host.activate(id, "asked for by `pincer plugins inspect --activate`");
        host.startServices();
        RegistrySnapshot registry = host.registry();
        Map<CapabilityKind, List<String>> registered = new EnumMap<>(CapabilityKind.class);
        for (Capability c : registry.ownedBy(id)) {
            registered
                    .computeIfAbsent(c.kind(), k -> new java.util.ArrayList<>())
                    .add(c.name());
        }
        registered.replaceAll((k, names) -> List.copyOf(new TreeSet<>(names)));
        return new ActivationReport(
                host.states().get(id),
                registry.shapeOf(id).describe(),
                registered,
                host.services().stream().filter(s -> s.pluginId().equals(id)).toList(),
                host.reports().stream().filter(d -> id.equals(d.pluginId())).toList());
    }

    void print(PrintWriter out) {
        out.println("  activation (the plugin's code was run):");
        out.println("    state: " + state.label());
        out.println("    shape: " + shape);
        registered.forEach((kind, names) -> out.println("    " + kind.label() + ": " + String.join(", ", names)));
        services.forEach(s ->
                out.println("    service " + s.name() + ": " + s.state().name().toLowerCase(java.util.Locale.ROOT)
                        + s.lastErrorIfAny().map(e -> " (" + e + ")").orElse("")));
        problems.forEach(d -> DoctorCommand.print(out, d, "    "));
    }

    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("state", state.label());
        node.put("shape", shape);
        ObjectNode kinds = node.putObject("registered");
        registered.forEach((kind, names) -> {
            ArrayNode array = kinds.putArray(kind.label());
            names.forEach(array::add);
        });
        ArrayNode list = node.putArray("services");
        services.forEach(s -> list.addObject()
                .put("name", s.name())
                .put("state", s.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("restarts", s.restarts())
                .put("lastError", s.lastError()));
        ArrayNode found = node.putArray("problems");
        problems.forEach(d -> found.add(Views.diagnostic(d)));
        return node;
    }
}
