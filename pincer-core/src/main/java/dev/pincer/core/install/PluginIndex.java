package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin index: a JSON document listing plugins, their versions, download locations and
 * SHA-256 digests.
 *
 * <p>Immutable.
 *
 * @param location the file or URL it was read from
 * @param entries every listed version
 * @since 0.1.0
 */
public record PluginIndex(String location, List<IndexEntry> entries) {

    public PluginIndex {
        Objects.requireNonNull(location, "location");
        entries = List.copyOf(entries);
    }

    /**
     * Reads the index at {@code location}: a file path or an {@code http(s)} URL.
     *
     * @throws PincerException naming the location and what is wrong with it
     */
    public static PluginIndex load(String location, InstallLimits limits, Progress progress) {
        throw new PincerException("install.index", null, null, "plugin indexes are being built in this change", null);
    }

    /** Returns the newest version of each plugin whose id, name or description contains {@code query}. */
    public List<IndexEntry> search(String query) {
        return List.of();
    }

    /** Returns the newest listed version of plugin {@code id}. */
    public Optional<IndexEntry> newest(String id) {
        return Optional.empty();
    }
}
