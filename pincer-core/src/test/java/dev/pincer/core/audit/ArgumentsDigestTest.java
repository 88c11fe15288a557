package dev.pincer.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsDigestTest {

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void isTheSha256OfCanonicalJson() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("{\"a\":1,\"b\":{\"c\":[true,null,\"x\"],\"d\":2.5}}"
                                .getBytes(StandardCharsets.UTF_8)));

        String digest = ArgumentsDigest.of(
                ordered("b", ordered("d", 2.5, "c", java.util.Arrays.asList(true, null, "x")), "a", 1));

        assertThat(digest).isEqualTo(expected).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void equalArgumentsGiveEqualDigestsWhateverTheKeyOrderAtAnyDepth() {
        Map<String, Object> one = ordered(
                "city",
                "berlin",
                "options",
                ordered("units", "metric", "days", 3),
                "list",
                List.of(ordered("x", 1, "y", 2)));
        Map<String, Object> two = ordered(
                "list",
                List.of(ordered("y", 2, "x", 1)),
                "options",
                ordered("days", 3, "units", "metric"),
                "city",
                "berlin");

        assertThat(ArgumentsDigest.of(one)).isEqualTo(ArgumentsDigest.of(two));
    }

    @Test
    void differentValuesGiveDifferentDigests() {
        String base = ArgumentsDigest.of(ordered("city", "berlin", "days", 3));

        assertThat(ArgumentsDigest.of(ordered("city", "berlin", "days", 4))).isNotEqualTo(base);
        assertThat(ArgumentsDigest.of(ordered("city", "paris", "days", 3))).isNotEqualTo(base);
        assertThat(ArgumentsDigest.of(ordered("town", "berlin", "days", 3))).isNotEqualTo(base);
        assertThat(ArgumentsDigest.of(ordered("city", "berlin", "days", "3"))).isNotEqualTo(base);
        assertThat(ArgumentsDigest.of(ordered("city", List.of("berlin"), "days", 3)))
                .isNotEqualTo(base);
        // Element order in arrays is meaningful and kept.
        assertThat(ArgumentsDigest.of(ordered("l", List.of(1, 2))))
                .isNotEqualTo(ArgumentsDigest.of(ordered("l", List.of(2, 1))));
    }

    @Test
    void emptyArgumentsHaveTheDigestOfAnEmptyObject() throws Exception {
        assertThat(ArgumentsDigest.of(Map.of()))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest("{}".getBytes(StandardCharsets.UTF_8))));
    }
}
