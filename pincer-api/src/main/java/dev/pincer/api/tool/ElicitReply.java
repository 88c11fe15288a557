package dev.pincer.api.tool;

import java.util.Map;
import java.util.Objects;

/**
 * Carries a person's answer to a request for input, as MCP's {@code elicitation/create} does.
 *
 * <p>Immutable and thread-safe: the content is copied deeply.
 *
 * @param action what the person did
 * @param content the values they gave, by the requested schema's property names; empty unless
 *     {@code action} is {@link Action#ACCEPT}
 * @since 0.1.0
 */
public record ElicitReply(Action action, Map<String, Object> content) {

    public ElicitReply {
        Objects.requireNonNull(action, "action");
        content = JsonValues.copyObject(content == null ? Map.of() : content, "content");
    }

    /** What a person did with a request for input. */
    public enum Action {
        /** They filled in the form and sent it. */
        ACCEPT,
        /** They refused to answer. */
        DECLINE,
        /** They dismissed the request without choosing. */
        CANCEL
    }
}
