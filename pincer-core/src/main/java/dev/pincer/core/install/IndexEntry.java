package dev.pincer.core.install;

import java.util.Objects;

/**
 * One plugin version listed in a plugin index.
 *
 * @param id the plugin id
 * @param name the display name, or the id when the index gives none
 * @param description what the plugin does, or {@code null}
 * @param version the version, as semver text
 * @param url where the archive is downloaded from (absolute, or relative to the index)
 * @param sha256 the archive's SHA-256 in lower-case hex
 * @param pincer the Pincer host versions it supports as a semver range, or {@code null}
 * @param index the location of the index that lists it
 * @since 0.1.0
 */
public record IndexEntry(
        String id,
        String name,
        String description,
        String version,
        String url,
        String sha256,
        String pincer,
        String index) {

    public IndexEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(index, "index");
        name = name == null ? id : name;
    }
}
