package dev.pincer.core.diagnostics;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the closest known word to a mistyped one, for "did you mean" hints.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Suggestions {

    private Suggestions() {}

    /**
     * Returns the candidate that most plausibly meant {@code word}: the shortest one that extends it
     * (for a cut-off word of three letters or more), else the closest by edit distance if that is
     * at most a third of the word's length (at least one edit allowed).
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int allowed = Math.max(1, word.length() / 3);
        Optional<String> extended = candidates.stream()
                .filter(c -> word.length() >= 3 && !c.equals(word) && c.startsWith(word))
                .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        if (extended.isPresent()) {
            return extended;
        }
        return candidates.stream()
                .filter(c -> !c.equals(word))
                .map(c -> new Scored(c, distance(word, c)))
                .filter(s -> s.distance() <= allowed)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    /**
     * Returns the edit distance between two strings, counting insertions, deletions, substitutions
     * and swaps of neighbouring letters (optimal string alignment), the usual typos.
     */
    static int distance(String a, String b) {
        if (a.length() > 256 || b.length() > 256) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private record Scored(String candidate, int distance) {}
}
