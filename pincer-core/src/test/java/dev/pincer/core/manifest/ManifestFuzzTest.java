package dev.pincer.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds the reader hostile input and checks it never throws, never accepts garbage, and always
 * explains a rejection. Seeded, so a failure reproduces; the seed is in the assertion message.
 */
class ManifestFuzzTest {

    private static final ManifestReader READER = ManifestReader.create();
    private static final Path FILE = Path.of("fuzz", "pincer-plugin.json");
    private static final String[] FRAGMENTS = {
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"id\"",
        "\"version\"",
        "\"runtime\"",
        "\"type\"",
        "\"jvm\"",
        "\"1.0.0\"",
        "\"provides\"",
        "\"tools\"",
        "\"name\"",
        "null",
        "true",
        "1e999",
        "-0",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "=",
        "[[",
        "]]",
        "\n",
        "\"a\" = 1",
        "id = \"x\"",
        "[runtime]",
        "'''",
        "\"\"\"",
        "#",
        "\\",
        "\u00ff",
        "\uFEFF"
    };

    @Test
    void randomBytesNeverCrashTheReader() {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            byte[] content = new byte[random.nextInt(600)];
            random.nextBytes(content);
            for (ManifestFormat format : ManifestFormat.values()) {
                check(content, format, "bytes #" + i);
            }
        }
    }

    @Test
    void randomTokenSoupNeverCrashesTheReader() {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
            for (ManifestFormat format : ManifestFormat.values()) {
                check(content, format, "soup #" + i + ": " + text);
            }
        }
    }

    @Test
    void mutatedValidManifestsNeverCrashTheReader() {
        byte[] valid =
                ("{\"id\":\"weather\",\"version\":\"1.2.3\",\"runtime\":{\"type\":\"wasm\",\"module\":\"p.wasm\"},"
                                + "\"provides\":{\"tools\":[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"}}]},"
                                + "\"dependencies\":{\"a\":\"^1.0.0\"},\"config\":{\"type\":\"object\",\"properties\":{}}}")
                        .getBytes(StandardCharsets.UTF_8);
        Random random = new Random(99);
        for (int i = 0; i < 5000; i++) {
            byte[] content = valid.clone();
            for (int flips = random.nextInt(4) + 1; flips > 0; flips--) {
                content[random.nextInt(content.length)] = (byte) (32 + random.nextInt(95));
            }
            check(content, ManifestFormat.JSON, "mutation #" + i + ": " + new String(content, StandardCharsets.UTF_8));
        }
    }

    @Test
    void deepNestingAndHugeStringsAreRefusedWithAReason() {
        String deepArrays = "{\"id\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String deepTables = "a = " + "{b = ".repeat(5_000) + "1" + "}".repeat(5_000);
        String hugeString = "{\"id\":\"p1\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\"},\"description\":\""
                + "x".repeat(900_000) + "\"}";
        String hugeKey = "{\"" + "k".repeat(100_000) + "\":1}";

        for (String text : new String[] {deepArrays, deepTables, hugeString, hugeKey}) {
            for (ManifestFormat format : ManifestFormat.values()) {
                ManifestReadResult result = check(text.getBytes(StandardCharsets.UTF_8), format, text.substring(0, 20));
                assertThat(result.manifest()).isNull();
            }
        }
    }

    private static ManifestReadResult check(byte[] content, ManifestFormat format, String what) {
        ManifestReadResult result = READER.parse(content, format, FILE);
        if (result.manifest() == null) {
            assertThat(result.diagnostics()).as(what).anyMatch(Diagnostic::isError);
        }
        assertThat(result.diagnostics()).as(what).allSatisfy(d -> assertThat(d.message())
                .isNotBlank());
        return result;
    }
}
