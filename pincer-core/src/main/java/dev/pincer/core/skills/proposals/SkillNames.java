package dev.pincer.core.skills.proposals;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Derives skill names from tool names under the Agent Skills name rule: lower-case ASCII letters
 * and digits in words joined by single hyphens ({@code [a-z0-9]+(-[a-z0-9]+)*}), at most 64
 * characters.
 *
 * <p>Stateless and thread-safe.
 */
final class SkillNames {

    /** The longest name the Agent Skills format allows. */
    static final int MAX_LENGTH = 64;

    /** The name used when no tool name has a letter or digit to keep. */
    static final String FALLBACK = "proposed-skill";

    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern OTHER = Pattern.compile("[^a-z0-9]+");

    private SkillNames() {}

    /** Returns whether {@code name} follows the Agent Skills name rule. */
    static boolean isValid(String name) {
        return name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }

    /**
     * Returns a valid name made of {@code tools}' letters and digits in order: accents dropped,
     * everything else a hyphen, cut at 64 characters; {@value #FALLBACK} when nothing is left.
     */
    static String derive(List<String> tools) {
        String lower = String.join("-", tools).toLowerCase(Locale.ROOT);
        String unaccented =
                MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
        String words = OTHER.matcher(unaccented).replaceAll("-");
        String name = cut(trimHyphens(words), MAX_LENGTH);
        return name.isEmpty() ? FALLBACK : name;
    }

    /** Returns {@code name} with {@code -n} appended, cut so the whole stays within 64 characters. */
    static String numbered(String name, int n) {
        String suffix = "-" + n;
        return cut(name, MAX_LENGTH - suffix.length()) + suffix;
    }

    private static String cut(String name, int max) {
        return trimHyphens(name.length() <= max ? name : name.substring(0, max));
    }

    private static String trimHyphens(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
