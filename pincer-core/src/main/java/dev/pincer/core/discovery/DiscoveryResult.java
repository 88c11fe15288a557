package dev.pincer.core.discovery;

import dev.pincer.core.diagnostics.Diagnostic;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries what discovery found: the winning copy of each plugin id, the copies they shadow, and
 * every finding.
 *
 * <p>Immutable.
 *
 * @param plugins the winning copy of each id, sorted by id
 * @param shadowed for each id, the copies that lost to a higher root, highest first
 * @param diagnostics every finding, including each manifest's own
 * @since 0.1.0
 */
public record DiscoveryResult(
        List<DiscoveredPlugin> plugins, Map<String, List<DiscoveredPlugin>> shadowed, List<Diagnostic> diagnostics) {

    public DiscoveryResult {
        plugins = List.copyOf(plugins);
        TreeMap<String, List<DiscoveredPlugin>> copy = new TreeMap<>();
        shadowed.forEach((id, copies) -> copy.put(id, List.copyOf(copies)));
        shadowed = Collections.unmodifiableMap(copy);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Returns the copies shadowed by the winning copy of {@code id}; empty when none. */
    public List<DiscoveredPlugin> shadowedCopies(String id) {
        return shadowed.getOrDefault(id, List.of());
    }
}
