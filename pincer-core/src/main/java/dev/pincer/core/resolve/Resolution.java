package dev.pincer.core.resolve;

import dev.pincer.core.diagnostics.Diagnostic;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Carries the result of dependency resolution: the activation order of the plugins that
 * resolved, what happened to each plugin and each of its dependencies, and every finding.
 *
 * <p>Immutable.
 *
 * @param order resolved plugin ids, every dependency before its dependants, ties broken by id
 * @param outcomes by plugin id, for every plugin offered to the resolver
 * @param diagnostics one error per failure, one per cycle
 * @since 0.1.0
 */
public record Resolution(List<String> order, Map<String, Outcome> outcomes, List<Diagnostic> diagnostics) {

    public Resolution {
        order = List.copyOf(order);
        outcomes = Collections.unmodifiableMap(new TreeMap<>(outcomes));
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Reports what happened to one plugin.
     *
     * @param resolved whether it can be activated
     * @param reason why it failed, or {@code null} when it resolved
     * @param requirements its dependencies, in manifest order
     */
    public record Outcome(boolean resolved, String reason, List<Requirement> requirements) {
        public Outcome {
            requirements = List.copyOf(requirements);
            if (!resolved) {
                Objects.requireNonNull(reason, "a failed outcome needs a reason");
            }
        }
    }
}
