package dev.pincer.core.manifest;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the sizes manifests and config files write: a whole number and {@code B}, {@code KiB},
 * {@code MiB} or {@code GiB}, e.g. {@code 64MiB}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Sizes {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(B|KiB|MiB|GiB)");

    private Sizes() {}

    /** Returns the number of bytes {@code text} writes, or empty when it is not in that form. */
    public static OptionalLong parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(m.group(1));
        return OptionalLong.of(
                switch (m.group(2)) {
                    case "KiB" -> value << 10;
                    case "MiB" -> value << 20;
                    case "GiB" -> value << 30;
                    default -> value;
                });
    }

    /** Writes {@code bytes} the way a person reads it, e.g. {@code 64 MiB} or {@code 1500 B}. */
    public static String format(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
