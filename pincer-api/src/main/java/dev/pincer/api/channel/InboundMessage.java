package dev.pincer.api.channel;

import java.util.Map;
import java.util.Objects;

/**
 * Carries a message a user wrote, as a {@link Channel} received it.
 *
 * <p>Immutable and thread-safe; the metadata is copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param channelId the receiving channel's id, not blank
 * @param conversationId the conversation within the channel, such as a chat or thread id; not
 *     blank
 * @param senderId who wrote the message, in the channel's terms; not blank
 * @param text the message text, not {@code null}
 * @param metadata channel-specific details, no {@code null} keys or values
 * @since 0.1.0
 */
public record InboundMessage(
        String channelId, String conversationId, String senderId, String text, Map<String, String> metadata) {

    public InboundMessage {
        requireId(channelId, "channelId");
        requireId(conversationId, "conversationId");
        requireId(senderId, "senderId");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    /**
     * Returns a message without metadata.
     *
     * @param channelId the receiving channel's id
     * @param conversationId the conversation within the channel
     * @param senderId who wrote the message
     * @param text the message text
     * @return the message
     */
    public static InboundMessage of(String channelId, String conversationId, String senderId, String text) {
        return new InboundMessage(channelId, conversationId, senderId, text, Map.of());
    }

    static void requireId(String id, String field) {
        Objects.requireNonNull(id, field);
        if (id.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
