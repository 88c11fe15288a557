package dev.pincer.core.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Converts JSON trees into the immutable JSON-like Java values the plugin API uses for settings and
 * tool arguments: maps, lists, strings, numbers ({@code Long}, {@code BigInteger},
 * {@code BigDecimal}), booleans and {@code null}.
 *
 * <p>Stateless and thread-safe. Recursive: callers pass trees whose depth Pincer's parsers
 * already bounded.
 *
 * @since 0.1.0
 */
public final class JsonValues {

    private JsonValues() {}

    /** Returns the object {@code tree} as an immutable map; anything but an object gives an empty map. */
    public static Map<String, Object> toImmutable(JsonNode settings) {
        if (settings == null || !settings.isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) convert(settings);
        return map;
    }

    private static Object convert(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.forEachEntry((k, v) -> map.put(k, convert(v)));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(v -> list.add(convert(v)));
            return Collections.unmodifiableList(list);
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asString();
    }
}
