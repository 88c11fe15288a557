package dev.pincer.api.channel;

import java.util.Map;
import java.util.Objects;

/**
 * Carries a message through the pipeline stages of its direction.
 *
 * <p>Immutable and thread-safe; the metadata is copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param direction whether the message is inbound or outbound, not {@code null}
 * @param channelId the channel's id, not blank
 * @param conversationId the conversation within the channel, not blank
 * @param senderId who wrote an inbound message, or {@code null} for outbound messages
 * @param text the message text, not {@code null}
 * @param metadata channel-specific details, no {@code null} keys or values
 * @since 0.1.0
 */
public record StageMessage(
        Stage.Direction direction,
        String channelId,
        String conversationId,
        String senderId,
        String text,
        Map<String, String> metadata) {

    public StageMessage {
        Objects.requireNonNull(direction, "direction");
        InboundMessage.requireId(channelId, "channelId");
        InboundMessage.requireId(conversationId, "conversationId");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    /**
     * Returns a copy of this message with other text.
     *
     * @param newText the new text, not {@code null}
     * @return the copy
     */
    public StageMessage withText(String newText) {
        return new StageMessage(direction, channelId, conversationId, senderId, newText, metadata);
    }
}
