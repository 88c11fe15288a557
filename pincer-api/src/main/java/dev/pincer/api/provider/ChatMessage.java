package dev.pincer.api.provider;

import java.util.List;
import java.util.Objects;

/**
 * Holds one message of a conversation with a model.
 *
 * <p>Only {@link Role#TOOL} messages carry a {@code toolCallId}, and only {@link Role#ASSISTANT}
 * messages carry tool calls. Immutable and thread-safe; the tool calls are copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param role who wrote the message, not {@code null}
 * @param content the message text, not {@code null}; may be empty
 * @param toolCallId for a tool message, the id of the call it answers; otherwise {@code null}
 * @param toolCalls for an assistant message, the tool calls it asked for; otherwise empty
 * @since 0.1.0
 */
public record ChatMessage(Role role, String content, String toolCallId, List<ToolCallRequest> toolCalls) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
        if ((role == Role.TOOL) != (toolCallId != null)) {
            throw new IllegalArgumentException(
                    "a message needs a toolCallId exactly when its role is TOOL, but role was " + role
                            + " and toolCallId was " + (toolCallId == null ? "null" : "\"" + toolCallId + "\""));
        }
        if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
            throw new IllegalArgumentException(
                    "only ASSISTANT messages carry toolCalls, but a " + role + " message had " + toolCalls.size());
        }
    }

    /**
     * Returns a system message.
     *
     * @param content the instructions
     * @return the message
     */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content, null, List.of());
    }

    /**
     * Returns a user message.
     *
     * @param content what the user wrote
     * @return the message
     */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content, null, List.of());
    }

    /**
     * Returns an assistant message without tool calls.
     *
     * @param content what the model wrote
     * @return the message
     */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content, null, List.of());
    }

    /**
     * Returns an assistant message that asks for tool calls.
     *
     * @param content what the model wrote besides the calls; may be empty
     * @param toolCalls the calls the model asked for
     * @return the message
     */
    public static ChatMessage assistantCalling(String content, List<ToolCallRequest> toolCalls) {
        return new ChatMessage(Role.ASSISTANT, content, null, toolCalls);
    }

    /**
     * Returns a message that answers a tool call.
     *
     * @param toolCallId the id of the call it answers, not {@code null}
     * @param content the tool's result, as text
     * @return the message
     */
    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, Objects.requireNonNull(toolCallId, "toolCallId"), List.of());
    }

    /**
     * Names who wrote a message.
     *
     * @since 0.1.0
     */
    public enum Role {
        /** Instructions from the gateway. */
        SYSTEM,
        /** What a user wrote. */
        USER,
        /** What the model wrote. */
        ASSISTANT,
        /** A tool's answer to a call. */
        TOOL
    }
}
