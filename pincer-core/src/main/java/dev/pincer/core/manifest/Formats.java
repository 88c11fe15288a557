package dev.pincer.core.manifest;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlFactory;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Makes the JSON and TOML mappers Pincer reads untrusted files with: duplicate keys refused,
 * nesting, string and document sizes bounded.
 *
 * <p>Mappers are immutable and thread-safe; make them once and share them.
 *
 * @since 0.1.0
 */
public final class Formats {

    /** Deepest nesting accepted in a manifest or config file. */
    public static final int MAX_NESTING = 64;

    /** Largest manifest or config file accepted, in bytes. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxDocumentLength(MAX_DOCUMENT_BYTES)
            .maxStringLength(MAX_DOCUMENT_BYTES)
            .maxNameLength(4096)
            .maxNumberLength(64)
            .build();

    private Formats() {}

    /** Returns a new JSON mapper for untrusted input. */
    public static JsonMapper json() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory).build();
    }

    /** Returns a new TOML mapper for untrusted input. */
    public static TomlMapper toml() {
        TomlFactory factory = TomlFactory.builder()
                .streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return TomlMapper.builder(factory).build();
    }

    /**
     * Returns whether {@code tree} nests deeper than {@link #MAX_NESTING}. Parsers enforce the
     * limit on brackets, but TOML dotted keys ({@code a.b.c = 1}) build depth without brackets,
     * so every parsed tree is measured too. Iterative: any depth is safe to measure.
     */
    public static boolean tooDeep(JsonNode tree) {
        Deque<JsonNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(tree);
        depths.push(1);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            if (depth > MAX_NESTING) {
                return true;
            }
            if (node.isContainer()) {
                for (JsonNode child : node.values()) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        return false;
    }
}
