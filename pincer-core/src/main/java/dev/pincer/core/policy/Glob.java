package dev.pincer.core.policy;

import java.util.Objects;

/**
 * Matches names against a glob where {@code *} stands for any run of characters (also none) and
 * {@code ?} for exactly one; every other character stands for itself.
 *
 * <p>Compiled once; {@link #matches} allocates nothing and runs in time linear in the name for
 * typical patterns, so it suits the per-call path. Immutable and thread-safe.
 */
final class Glob {

    private final char[] pattern;
    private final String text;

    private Glob(String text) {
        this.text = text;
        this.pattern = text.toCharArray();
    }

    /** Returns the glob {@code text} describes. */
    static Glob of(String text) {
        return new Glob(Objects.requireNonNull(text, "text"));
    }

    /** Returns whether the whole of {@code name} matches. */
    boolean matches(String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == name.charAt(n)))) {
                p++;
                n++;
            } else if (p < pattern.length && pattern[p] == '*') {
                star = p++;
                resume = n;
            } else if (star >= 0) {
                // Let the last star swallow one more character and try again from there.
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    @Override
    public String toString() {
        return text;
    }
}
