package dev.pincer.core.resolve;

import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.manifest.VersionRange;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describes a plugin the resolver may place in the activation order: enabled, with a valid
 * manifest and valid settings.
 *
 * <p>Immutable.
 *
 * @param id the plugin id
 * @param version its version
 * @param hostRange the host versions it supports, or {@code null} for any
 * @param dependencies its dependencies, in manifest order
 * @param directory its folder, for messages
 * @since 0.1.0
 */
public record Candidate(
        String id,
        SemanticVersion version,
        VersionRange hostRange,
        Map<String, VersionRange> dependencies,
        Path directory) {

    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(directory, "directory");
        dependencies = Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
    }
}
