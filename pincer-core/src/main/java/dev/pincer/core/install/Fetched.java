package dev.pincer.core.install;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin source fetched into a staging folder, not yet checked or placed.
 *
 * @param folder the folder holding {@code pincer-plugin.json}, inside the staging folder (or, for a
 *     link, the linked folder itself)
 * @param kind how it was fetched
 * @param source the source as the user gave it (a path, URL or index entry), for the install record
 * @param digest the SHA-256 of the downloaded or unpacked archive in lower-case hex, or {@code null}
 *     when the source was not a single file
 * @param commit the resolved git commit id, or {@code null} when the source was not git
 * @since 0.1.0
 */
public record Fetched(Path folder, Kind kind, String source, String digest, String commit) {

    public Fetched {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
    }

    /** How a source was fetched; {@link #label()} is what the install record stores. */
    public enum Kind {
        FOLDER("folder"),
        LINK("link"),
        ARCHIVE("archive"),
        GIT("git"),
        INDEX("index");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Returns the lower-case name stored in install records. */
        public String label() {
            return label;
        }
    }
}
