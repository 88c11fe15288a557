package dev.pincer.core.resolve;

import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.manifest.VersionRange;
import java.util.Locale;
import java.util.Objects;

/**
 * Reports how one declared dependency was resolved.
 *
 * <p>Immutable.
 *
 * @param id the plugin depended on
 * @param range the range asked for
 * @param found the version available, or {@code null} when none is
 * @param status the outcome
 * @since 0.1.0
 */
public record Requirement(String id, VersionRange range, SemanticVersion found, Status status) {

    public Requirement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(status, "status");
    }

    /** Outcomes of one dependency. */
    public enum Status {
        /** Present, usable, and its version is in range. */
        SATISFIED,
        /** No plugin with that id is installed. */
        MISSING,
        /** Installed but disabled, blocked or broken. */
        UNAVAILABLE,
        /** Installed, but its version is outside the range. */
        VERSION_MISMATCH,
        /** Part of a dependency cycle. */
        CYCLE,
        /** In range, but it failed to resolve itself. */
        FAILED;

        /** Returns the word used in output, e.g. {@code "version-mismatch"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
