package dev.pincer.core.registry;

import dev.pincer.core.diagnostics.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * Reports what one batch of changes to a {@link CapabilityRegistry} did.
 *
 * <p>Immutable.
 *
 * @param snapshot the registry after the batch: a new generation when it changed anything, else
 *     the snapshot it started from
 * @param changed whether the batch changed anything and so made a new generation
 * @param diagnostics every registration the batch refused, in the order it was attempted
 * @since 0.1.0
 */
public record RegistryUpdate(RegistrySnapshot snapshot, boolean changed, List<Diagnostic> diagnostics) {

    public RegistryUpdate {
        Objects.requireNonNull(snapshot, "snapshot");
        diagnostics = List.copyOf(diagnostics);
    }
}
