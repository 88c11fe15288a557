package dev.pincer.core.memory;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns free text into an FTS5 query that can never be a syntax error or reach FTS5's query
 * language: the text is cut into words (runs of letters, digits and private-use characters, as the
 * {@code unicode61} tokenizer cuts them), each word becomes a quoted string, and the strings are
 * joined with {@code OR}, so a record matching any word is a hit and bm25 ranks those matching
 * more, and rarer, words first. Operators ({@code AND}, {@code NEAR}, {@code -}, {@code *}, {@code
 * col:}) and quotes in the text are just words or separators. Only the first {@value #MAX_TERMS}
 * distinct words count.
 *
 * <p>Stateless.
 */
final class FtsQuery {

    /** The most distinct words one query uses. */
    static final int MAX_TERMS = 32;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{Co}]+");

    private FtsQuery() {}

    /** Returns the FTS5 query for {@code text}, or empty when it holds no word. */
    static Optional<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (words.size() < MAX_TERMS && m.find()) {
            words.add(m.group());
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        // A word holds no '"', so quoting it needs no escaping.
        return Optional.of(
                String.join(" OR ", words.stream().map(w -> '"' + w + '"').toList()));
    }
}
