package dev.pincer.api.prompt;

import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.Role;
import java.util.Objects;

/**
 * Holds one message of a rendered prompt.
 *
 * <p>Immutable and thread-safe.
 *
 * @param role who speaks it
 * @param content what is said: text, an image, audio or an embedded resource; not JSON
 * @since 0.1.0
 */
public record PromptMessage(Role role, Content content) {

    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (content instanceof Content.Json) {
            throw new IllegalArgumentException("a prompt message holds text, an image, audio or a resource, not JSON");
        }
    }

    /**
     * Returns a user message holding {@code text}.
     *
     * @param text the text
     * @return the message
     */
    public static PromptMessage user(String text) {
        return new PromptMessage(Role.USER, Content.text(text));
    }
}
