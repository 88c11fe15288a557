package dev.pincer.api.provider;

import dev.pincer.api.tool.ToolSpec;
import java.util.List;
import java.util.Objects;

/**
 * Carries one request to a model: the model, the conversation, the tools it may call, and a limit.
 *
 * <p>Immutable and thread-safe; the lists are copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param model the model to use, one of the provider's {@link Provider#models()}; not blank
 * @param messages the conversation so far, oldest first; not empty
 * @param tools the tools the model may ask to call; may be empty
 * @param maxTokens the most tokens the response may have, or {@code null} for the provider's
 *     default; positive
 * @since 0.1.0
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolSpec> tools, Integer maxTokens) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request to model \"" + model + "\" needs at least one message");
        }
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive or null, but was " + maxTokens);
        }
    }

    /**
     * Returns a request without tools or token limit.
     *
     * @param model the model to use
     * @param messages the conversation so far
     * @return the request
     */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, List.of(), null);
    }

    /**
     * Returns a copy of this request offering the given tools.
     *
     * @param newTools the tools the model may ask to call
     * @return the copy
     */
    public ChatRequest withTools(List<ToolSpec> newTools) {
        return new ChatRequest(model, messages, newTools, maxTokens);
    }

    /**
     * Returns a copy of this request limited to the given number of tokens.
     *
     * @param limit the most tokens the response may have, positive
     * @return the copy
     */
    public ChatRequest withMaxTokens(int limit) {
        return new ChatRequest(model, messages, tools, limit);
    }
}
