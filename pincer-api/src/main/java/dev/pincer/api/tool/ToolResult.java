package dev.pincer.api.tool;

import java.util.List;
import java.util.Objects;

/**
 * Carries what a tool returns to the agent: content items, and whether they describe an error.
 *
 * <p>An error result is a failure the agent should read and may correct, such as a bad argument;
 * it is not an exception. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value.
 *
 * @param content the content items, in order; may be empty
 * @param isError whether the content describes a failure of the tool
 * @since 0.1.0
 */
public record ToolResult(List<Content> content, boolean isError) {

    public ToolResult {
        content = List.copyOf(Objects.requireNonNull(content, "content"));
    }

    /**
     * Returns a successful result holding one text item.
     *
     * @param text the text, not {@code null}
     * @return the result
     */
    public static ToolResult text(String text) {
        return new ToolResult(List.of(Content.text(text)), false);
    }

    /**
     * Returns a successful result holding the given items.
     *
     * @param content the items, none {@code null}
     * @return the result
     */
    public static ToolResult of(Content... content) {
        return new ToolResult(List.of(content), false);
    }

    /**
     * Returns an error result holding one text item that says what went wrong and what to do.
     *
     * @param message the error message, not blank
     * @return the result
     * @throws IllegalArgumentException if the message is blank
     */
    public static ToolResult error(String message) {
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException(
                    "an error result needs a message saying what went wrong, but it was blank");
        }
        return new ToolResult(List.of(Content.text(message)), true);
    }
}
