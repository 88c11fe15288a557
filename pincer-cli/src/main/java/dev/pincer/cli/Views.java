package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.discovery.DiscoveredPlugin;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.resolve.Requirement;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns catalog entries and diagnostics into the JSON that {@code --json} prints. The field names
 * are a public contract: scripts read them.
 *
 * <p>Stateless and thread-safe.
 */
final class Views {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Views() {}

    static String write(Object tree) {
        return MAPPER.writeValueAsString(tree);
    }

    /** Returns the summary shown by {@code plugins list --json}. */
    static ObjectNode summary(CatalogEntry entry) {
        ObjectNode node = NODES.objectNode();
        node.put("id", entry.id());
        node.put("name", entry.name());
        node.put("version", entry.plugin().versionText());
        node.put("runtime", entry.runtime());
        node.put("state", entry.state().label());
        node.put("reason", entry.reason());
        node.put("source", entry.plugin().root().kind().label());
        node.put("path", entry.path().toString());
        entry.manifest().map(PluginManifest::description).ifPresent(d -> node.put("description", d));
        return node;
    }

    /** Returns the full view shown by {@code plugins inspect --json}. */
    static ObjectNode detail(CatalogEntry entry, List<Diagnostic> diagnostics) {
        ObjectNode node = summary(entry);
        node.put("manifestFile", entry.plugin().manifestFile().toString());
        entry.manifest().ifPresent(m -> {
            node.set("manifest", m.document());
            node.set(
                    "provides",
                    NODES.arrayNode()
                            .addAll(m.provides().kinds().stream()
                                    .map(NODES::stringNode)
                                    .toList()));
            node.set("permissions", permissions(entry.requestedPermissions()));
            if (entry.standing() != null) {
                ObjectNode approval = node.putObject("approval");
                approval.put("status", entry.standing().status().label());
                approval.set("granted", permissions(entry.standing().granted()));
                approval.set("pending", permissions(entry.standing().pending()));
                if (entry.standing().basis() != null) {
                    approval.put("approvedVersion", entry.standing().basis().version());
                    approval.put("approvedBy", entry.standing().basis().approvedBy());
                    approval.put(
                            "approvedAt", entry.standing().basis().approvedAt().toString());
                }
            }
            node.put("activation", m.activation().label());
            node.put("pincer", m.hostRangeIfAny().map(Object::toString).orElse("*"));
        });
        ArrayNode deps = node.putArray("dependencies");
        entry.requirements().forEach(r -> deps.add(requirement(r)));
        if (entry.manifest().isPresent() && entry.requirements().isEmpty()) {
            entry.manifest()
                    .get()
                    .dependencies()
                    .forEach((id, range) -> deps.add(NODES.objectNode()
                            .put("id", id)
                            .put("range", range.text())
                            .put("status", "not-resolved")));
        }
        if (entry.displaySettings() != null) {
            node.set("settings", entry.displaySettings());
        }
        ArrayNode shadowed = node.putArray("shadowed");
        entry.shadowed().forEach(s -> shadowed.add(copy(s)));
        ArrayNode problems = node.putArray("diagnostics");
        diagnostics.forEach(d -> problems.add(diagnostic(d)));
        return node;
    }

    static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode node = NODES.objectNode();
        node.put("severity", d.severity().label());
        node.put("code", d.code());
        node.put("pluginId", d.pluginId());
        node.put("path", d.path() == null ? null : d.path().toString());
        node.put("message", d.message());
        node.put("hint", d.hint());
        return node;
    }

    private static ObjectNode requirement(Requirement r) {
        return NODES.objectNode()
                .put("id", r.id())
                .put("range", r.range().text())
                .put("found", r.found() == null ? null : r.found().text())
                .put("status", r.status().label());
    }

    private static ObjectNode copy(DiscoveredPlugin plugin) {
        return NODES.objectNode()
                .put("version", plugin.versionText())
                .put("source", plugin.root().kind().label())
                .put("path", plugin.directory().toString());
    }

    private static ObjectNode permissions(Permissions p) {
        ObjectNode node = NODES.objectNode();
        node.set("network", strings(p.network()));
        ArrayNode files = node.putArray("filesystem");
        p.filesystem()
                .forEach(f -> files.add(NODES.objectNode()
                        .put("path", f.path())
                        .put("mode", f.mode().label())));
        node.set("env", strings(p.env()));
        node.put("shell", p.shell());
        return node;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
