package dev.pincer.api.tool;

import java.util.List;
import java.util.Objects;

/**
 * Asks the caller's model for one completion, as MCP's {@code sampling/createMessage} does: the
 * caller (an MCP client) runs its own model, usually after a person reviews the request.
 *
 * <p>Immutable and thread-safe. The constructor throws {@link NullPointerException} for a missing
 * required value and {@link IllegalArgumentException}, naming the bad value, for an invalid one.
 *
 * @param messages the conversation so far, oldest first, not empty
 * @param systemPrompt the system prompt the plugin asks for, or {@code null}; the caller may ignore
 *     it
 * @param maxTokens the most tokens the reply may have, at least 1
 * @since 0.1.0
 */
public record SampleRequest(List<Message> messages, String systemPrompt, int maxTokens) {

    public SampleRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a sampling request needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, but was " + maxTokens);
        }
    }

    /**
     * Returns a request of one user message holding {@code text}.
     *
     * @param text the prompt
     * @param maxTokens the most tokens the reply may have
     * @return the request
     */
    public static SampleRequest ofText(String text, int maxTokens) {
        return new SampleRequest(List.of(new Message(Role.USER, Content.text(text))), null, maxTokens);
    }

    /**
     * Holds one message of the conversation.
     *
     * @param role who speaks it
     * @param content what is said: text, an image or audio
     * @since 0.1.0
     */
    public record Message(Role role, Content content) {

        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
