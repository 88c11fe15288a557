package dev.pincer.api.provider;

import java.util.Objects;

/**
 * Carries one tool call a model asks for in a {@link ChatResponse}.
 *
 * <p>The name and arguments are the model's and are not yet checked against any tool; Pincer
 * checks them before it runs anything. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param id the id the model gave the call, echoed in the tool's answer; not blank
 * @param name the name of the tool the model asks for, not {@code null}
 * @param argumentsJson the arguments as the model wrote them, JSON text; not {@code null}
 * @since 0.1.0
 */
public record ToolCallRequest(String id, String name, String argumentsJson) {

    public ToolCallRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id of the call to tool \"" + name + "\" must not be blank");
        }
    }
}
