package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.manifest.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index entry a plugin id names, and the index listing it: the first configured index that
 * lists the id (at the version asked, or its newest).
 *
 * <p>Immutable.
 */
record IndexChoice(PluginIndex index, IndexEntry entry) {

    /**
     * Loads {@code indexes} in order until one lists plugin {@code id} at {@code version} (or at
     * all, when {@code version} is {@code null}).
     *
     * @throws PincerException when no index is configured, an index cannot be read, or none lists
     *     the id or version, naming the indexes searched or the versions listed
     */
    static IndexChoice choose(
            List<String> indexes,
            String id,
            String version,
            SemanticVersion host,
            InstallLimits limits,
            Progress progress,
            Downloads downloads) {
        if (indexes.isEmpty()) {
            throw new PincerException(
                    "install.no-indexes",
                    id,
                    null,
                    "'" + id + "' looks like a plugin id, but no plugin index is configured to look it up in",
                    "list one in config.toml: [plugins] indexes = [\"<file or URL>\"]; or " + Sources.ACCEPTED_DIRECT);
        }
        List<String> listed = new ArrayList<>();
        List<String> tooNew = new ArrayList<>();
        for (String location : indexes) {
            PluginIndex index = PluginIndex.load(location, limits, progress, downloads);
            Optional<IndexEntry> entry = version != null
                    ? index.find(id, version)
                    : host == null ? index.newest(id) : index.newest(id, host);
            if (entry.isPresent()) {
                return new IndexChoice(index, entry.get());
            }
            index.versions(id).forEach(e -> listed.add(e.version() + " (" + index.location() + ")"));
            index.versions(id)
                    .forEach(e ->
                            tooNew.add(e.version() + " needs pincer " + e.pincer() + " (" + index.location() + ")"));
        }
        if (version == null && !tooNew.isEmpty()) {
            throw new PincerException(
                    "install.host-version",
                    id,
                    null,
                    "no listed version of '" + id + "' runs on Pincer " + host.text() + ": "
                            + String.join(", ", tooNew),
                    "update Pincer, or ask the plugin's author for a version that supports " + host.text());
        }
        if (listed.isEmpty()) {
            throw new PincerException(
                    "install.index-not-found",
                    id,
                    null,
                    "no configured plugin index lists '" + id + "' (searched " + String.join(", ", indexes) + ")",
                    "check the id with 'pincer plugins search', or " + Sources.ACCEPTED_DIRECT);
        }
        throw new PincerException(
                "install.index-not-found",
                id,
                null,
                "no configured plugin index lists version " + version + " of '" + id + "'; listed: "
                        + String.join(", ", listed),
                "install one of the listed versions with " + id + "@<version>, or the id alone for the newest");
    }
}
