package dev.pincer.core.skills;

import dev.pincer.api.SkillSpec;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes valid skill names out of other text (tool names, a name that breaks the rule) under the
 * Agent Skills name rule, {@link SkillSpec#isValidName}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class SkillNames {

    /** The longest name the Agent Skills format allows. */
    public static final int MAX_LENGTH = SkillSpec.MAX_NAME_LENGTH;

    /** The name used when no tool name has a letter or digit to keep. */
    public static final String FALLBACK = "proposed-skill";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern OTHER = Pattern.compile("[^a-z0-9]+");

    private SkillNames() {}

    /** Returns whether {@code name} follows the Agent Skills name rule. */
    public static boolean isValid(String name) {
        return SkillSpec.isValidName(name);
    }

    /**
     * Returns a valid name made of {@code tools}' letters and digits in order: accents dropped,
     * everything else a hyphen, cut at 64 characters; {@value #FALLBACK} when nothing is left.
     */
    public static String derive(List<String> tools) {
        return slug(String.join("-", tools), FALLBACK);
    }

    /**
     * Returns a valid name made of {@code text}'s letters and digits in order: accents dropped,
     * everything else a hyphen, cut at 64 characters; {@code fallback} when nothing is left.
     */
    public static String slug(String text, String fallback) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unaccented =
                MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
        String words = OTHER.matcher(unaccented).replaceAll("-");
        String name = cut(trimHyphens(words), MAX_LENGTH);
        return name.isEmpty() ? fallback : name;
    }

    /** Returns {@code name} with {@code -n} appended, cut so the whole stays within 64 characters. */
    public static String numbered(String name, int n) {
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
