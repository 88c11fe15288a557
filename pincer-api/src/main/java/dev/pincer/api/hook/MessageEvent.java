package dev.pincer.api.hook;

import java.util.Map;
import java.util.Objects;

/**
 * Reports a message received from, about to be sent to, or sent to a channel.
 *
 * <p>Immutable and thread-safe; the metadata is copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value.
 *
 * @param channelId the channel, not {@code null}
 * @param conversationId the conversation within the channel, not {@code null}
 * @param sessionId the agent session, or {@code null} if none is attached yet
 * @param senderId who sent the message, or {@code null} for messages Pincer sends
 * @param text the message text, not {@code null}
 * @param metadata channel-specific details, no {@code null} keys or values
 * @since 0.1.0
 */
public record MessageEvent(
        String channelId,
        String conversationId,
        String sessionId,
        String senderId,
        String text,
        Map<String, String> metadata) {

    public MessageEvent {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    /**
     * Returns a copy of this event with other text, for {@link HookPoint#MESSAGE_SENDING}.
     *
     * @param newText the new text, not {@code null}
     * @return the copy
     */
    public MessageEvent withText(String newText) {
        return new MessageEvent(channelId, conversationId, sessionId, senderId, newText, metadata);
    }
}
