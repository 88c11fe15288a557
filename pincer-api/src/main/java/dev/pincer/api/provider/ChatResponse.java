package dev.pincer.api.provider;

import java.util.List;
import java.util.Objects;

/**
 * Carries a model's answer: its text, the tool calls it asks for, why it stopped, and what it
 * cost.
 *
 * <p>Immutable and thread-safe; the tool calls are copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value.
 *
 * @param text what the model wrote, not {@code null}; may be empty when it only calls tools
 * @param toolCalls the tool calls the model asks for, in order; may be empty
 * @param finishReason why the model stopped, not {@code null}
 * @param usage the tokens the request used, not {@code null}
 * @since 0.1.0
 */
public record ChatResponse(String text, List<ToolCallRequest> toolCalls, FinishReason finishReason, Usage usage) {

    public ChatResponse {
        Objects.requireNonNull(text, "text");
        toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * Returns a response with text only, that stopped normally and reports no usage.
     *
     * @param text what the model wrote
     * @return the response
     */
    public static ChatResponse reply(String text) {
        return new ChatResponse(text, List.of(), FinishReason.STOP, Usage.UNKNOWN);
    }

    /**
     * Names why a model stopped writing.
     *
     * @since 0.1.0
     */
    public enum FinishReason {
        /** The model finished its answer. */
        STOP,
        /** The answer reached the token limit. */
        LENGTH,
        /** The model stopped to have tools called. */
        TOOL_CALLS,
        /** The provider withheld or cut the answer. */
        CONTENT_FILTER,
        /** Any other reason the provider gave. */
        OTHER
    }

    /**
     * Counts the tokens a request used.
     *
     * <p>Providers that do not report usage give {@link #UNKNOWN}, zero for both counts. The
     * constructor throws {@link IllegalArgumentException} for a negative count.
     *
     * @param inputTokens tokens of the request, not negative
     * @param outputTokens tokens of the response, not negative
     * @since 0.1.0
     */
    public record Usage(int inputTokens, int outputTokens) {

        /** The usage of a provider that does not report it. */
        public static final Usage UNKNOWN = new Usage(0, 0);

        public Usage {
            if (inputTokens < 0 || outputTokens < 0) {
                throw new IllegalArgumentException("token counts must not be negative, but inputTokens was "
                        + inputTokens + " and outputTokens was " + outputTokens);
            }
        }

        /**
         * Returns the sum of input and output tokens.
         *
         * @return the total
         */
        public int totalTokens() {
            return inputTokens + outputTokens;
        }
    }
}
