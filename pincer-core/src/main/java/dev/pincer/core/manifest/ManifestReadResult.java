package dev.pincer.core.manifest;

import dev.pincer.core.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * Carries what reading one manifest produced: the manifest when it is valid, and every finding.
 *
 * <p>Immutable.
 *
 * @param manifest the manifest, or {@code null} when it has errors
 * @param declaredId the id the file states, even when invalid, or {@code null} when it states none
 * @param diagnostics every finding, errors and warnings alike
 * @since 0.1.0
 */
public record ManifestReadResult(PluginManifest manifest, String declaredId, List<Diagnostic> diagnostics) {

    public ManifestReadResult {
        diagnostics = List.copyOf(diagnostics);
        if (manifest == null && diagnostics.stream().noneMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a manifest that failed to read must carry an error");
        }
    }

    /** Returns the manifest, if it is valid. */
    public Optional<PluginManifest> manifestIfValid() {
        return Optional.ofNullable(manifest);
    }
}
