package dev.pincer.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Digests a tool call's arguments for the audit log, which keeps the digest and never the values:
 * SHA-256, in lower-case hex, of the arguments as canonical JSON (object keys sorted at every
 * depth, no white space). Equal arguments give equal digests whatever the order of their keys.
 *
 * <p>Numbers are not normalised: {@code 1} and {@code 1.0} are different arguments. Stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class ArgumentsDigest {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private ArgumentsDigest() {}

    /**
     * Returns the digest of {@code arguments}, 64 hex digits.
     *
     * @throws tools.jackson.core.JacksonException if a value cannot be written as JSON
     */
    public static String of(Map<String, Object> arguments) {
        Objects.requireNonNull(arguments, "arguments");
        // Through a tree first, so maps, beans and JSON nodes nested anywhere are all sorted alike.
        JsonNode tree = CANONICAL.valueToTree(arguments);
        return HexFormat.of().formatHex(sha256().digest(CANONICAL.writeValueAsBytes(tree)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256, which every Java runtime must have", e);
        }
    }
}
