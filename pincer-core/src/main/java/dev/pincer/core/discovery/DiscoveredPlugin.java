package dev.pincer.core.discovery;

import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one plugin folder found in a root, whether or not its manifest is valid.
 *
 * <p>Immutable.
 *
 * @param id the manifest's id; when the manifest states none, the folder name
 * @param root the root it was found in
 * @param directory the plugin folder
 * @param manifestFile the manifest read
 * @param read what reading the manifest produced
 * @since 0.1.0
 */
public record DiscoveredPlugin(String id, PluginRoot root, Path directory, Path manifestFile, ManifestReadResult read) {

    public DiscoveredPlugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(manifestFile, "manifestFile");
        Objects.requireNonNull(read, "read");
    }

    /** Returns the manifest, if it is valid. */
    public Optional<PluginManifest> manifest() {
        return read.manifestIfValid();
    }

    /** Returns the version as a string for display, or {@code "?"} when the manifest is invalid. */
    public String versionText() {
        return manifest().map(m -> m.version().text()).orElse("?");
    }
}
