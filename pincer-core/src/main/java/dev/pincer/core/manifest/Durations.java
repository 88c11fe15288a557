package dev.pincer.core.manifest;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations manifests and config files write: a whole number and {@code ms}, {@code s}
 * or {@code m}, e.g. {@code 500ms}, {@code 30s}, {@code 2m}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m)");

    private Durations() {}

    /** Returns the duration {@code text} writes, or empty when it is not in that form. */
    public static Optional<Duration> parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(m.group(1));
        return Optional.of(
                switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(value);
                    case "m" -> Duration.ofMinutes(value);
                    default -> Duration.ofSeconds(value);
                });
    }
}
