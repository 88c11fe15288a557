package dev.pincer.core.manifest;

import java.util.Objects;
import java.util.Optional;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * Holds a semver range as written (npm syntax: {@code ^1.5.0}, {@code ~2.1}, {@code >=1 <2},
 * {@code 1.x}, {@code *}, {@code a || b}) and parsed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the range as written
 * @param ranges the parsed range
 * @since 0.1.0
 */
public record VersionRange(String text, RangeList ranges) {

    public VersionRange {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ranges, "ranges");
    }

    /** Returns the parsed range, or empty when {@code text} is not a range semver4j understands. */
    public static Optional<VersionRange> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        RangeList parsed;
        try {
            parsed = RangeListFactory.create(text.trim());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        // semver4j answers gibberish with an empty list rather than an error.
        if (parsed.get().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VersionRange(text, parsed));
    }

    /**
     * Returns the parsed range.
     *
     * @throws IllegalArgumentException quoting {@code text} when it is not a range
     */
    public static VersionRange of(String text) {
        return parse(text)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a semver range (e.g. ^1.2.0)"));
    }

    /** Returns whether {@code version} lies in this range. */
    public boolean includes(SemanticVersion version) {
        return ranges.isSatisfiedBy(version.semver());
    }

    @Override
    public String toString() {
        return text;
    }
}
