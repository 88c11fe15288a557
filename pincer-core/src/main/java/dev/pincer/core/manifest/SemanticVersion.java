package dev.pincer.core.manifest;

import java.util.Objects;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Holds a semantic version (https://semver.org) as written and parsed.
 *
 * <p>Immutable and thread-safe. Strict: {@code 1.0} and {@code v1.0.0} are refused.
 *
 * @param text the version as written
 * @param semver the parsed version
 * @since 0.1.0
 */
public record SemanticVersion(String text, Semver semver) implements Comparable<SemanticVersion> {

    public SemanticVersion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(semver, "semver");
    }

    /** Returns the parsed version, or empty when {@code text} is not a strict semantic version. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null || text.isEmpty() || !Character.isDigit(text.charAt(0))) {
            return Optional.empty();
        }
        Semver parsed = Semver.parse(text);
        return parsed == null ? Optional.empty() : Optional.of(new SemanticVersion(text, parsed));
    }

    /**
     * Returns the parsed version.
     *
     * @throws IllegalArgumentException quoting {@code text} when it is not a semantic version
     */
    public static SemanticVersion of(String text) {
        return parse(text)
                .orElseThrow(
                        () -> new IllegalArgumentException("'" + text + "' is not a semantic version (e.g. 1.2.3)"));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return semver.compareTo(other.semver);
    }

    @Override
    public String toString() {
        return text;
    }
}
