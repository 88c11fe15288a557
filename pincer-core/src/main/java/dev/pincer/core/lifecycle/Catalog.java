package dev.pincer.core.lifecycle;

import dev.pincer.core.config.PincerConfig;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.discovery.PluginRoot;
import dev.pincer.core.manifest.SemanticVersion;
import java.util.List;
import java.util.Optional;

/**
 * Holds one complete picture of the installed plugins: every plugin with its state, the
 * activation order, the roots scanned and every finding.
 *
 * <p>Immutable; a new scan makes a new catalog.
 *
 * @param hostVersion the Pincer version plugins were checked against
 * @param roots the roots scanned, in increasing precedence
 * @param entries every plugin, sorted by id
 * @param activationOrder ids of resolved plugins, dependencies first
 * @param diagnostics every finding, in the order the layers produced them
 * @param config the configuration the catalog was built with (policy and network settings
 *     included)
 * @since 0.1.0
 */
public record Catalog(
        SemanticVersion hostVersion,
        List<PluginRoot> roots,
        List<CatalogEntry> entries,
        List<String> activationOrder,
        List<Diagnostic> diagnostics,
        PincerConfig config) {

    public Catalog {
        java.util.Objects.requireNonNull(config, "config");
        roots = List.copyOf(roots);
        entries = List.copyOf(entries);
        activationOrder = List.copyOf(activationOrder);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Returns the plugin with {@code id}, if installed. */
    public Optional<CatalogEntry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Returns whether any finding is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Returns the findings about {@code id}. */
    public List<Diagnostic> diagnosticsFor(String id) {
        return diagnostics.stream().filter(d -> id.equals(d.pluginId())).toList();
    }
}
