package dev.pincer.core.config;

import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Carries the effective configuration and what loading it found.
 *
 * <p>Immutable. When a file could not be used ({@link #brokenFiles()} not empty) its settings are
 * missing from {@link #config()}, so callers must fail closed: Pincer then blocks every plugin
 * rather than guess at what a deny list said.
 *
 * @param config the merged configuration of the files that could be read
 * @param diagnostics every finding
 * @param brokenFiles files that exist but could not be used
 * @since 0.1.0
 */
public record ConfigLoadResult(PincerConfig config, List<Diagnostic> diagnostics, List<Path> brokenFiles) {

    public ConfigLoadResult {
        Objects.requireNonNull(config, "config");
        diagnostics = List.copyOf(diagnostics);
        brokenFiles = List.copyOf(brokenFiles);
    }

    /** Returns whether every config file that exists was read and valid. */
    public boolean usable() {
        return brokenFiles.isEmpty();
    }
}
