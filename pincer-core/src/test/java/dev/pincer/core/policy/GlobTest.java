package dev.pincer.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
        "delete_*, delete_file, true",
        "delete_*, delete_, true",
        "delete_*, undelete_file, false",
        "*, '', true",
        "'', '', true",
        "'', x, false",
        "?, '', false",
        "rm?, rmx, true",
        "rm?, rm, false",
        "*a*b, xxaxxb, true",
        "*a*b, xxaxxbx, false",
        "a**b, ab, true",
        "*.*.*, a.b.c, true",
        "corp-*, corp-policy, true",
        "files, Files, false",
    })
    void matchesWholeNames(String glob, String name, boolean expected) {
        assertThat(Glob.of(glob).matches(name)).isEqualTo(expected);
    }

    @Test
    void agreesWithARegexReferenceOnRandomPatterns() {
        Random random = new Random(20250301L);
        String alphabet = "ab*?";
        for (int i = 0; i < 20_000; i++) {
            String glob = randomText(random, alphabet, 6);
            String name = randomText(random, "ab", 8);
            boolean expected = Pattern.matches(toRegex(glob), name);
            assertThat(Glob.of(glob).matches(name))
                    .as("glob '%s' against '%s' (iteration %d)", glob, name, i)
                    .isEqualTo(expected);
        }
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (char c : glob.toCharArray()) {
            out.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return out.toString();
    }
}
