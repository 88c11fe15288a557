package dev.pincer.api.channel;

import java.util.Map;
import java.util.Objects;

/**
 * Carries a message Pincer sends to a user through a {@link Channel}.
 *
 * <p>A partial message is an update of the reply being written in its conversation and holds
 * all text so far; the next complete message in that conversation ends the reply. Partial
 * messages go only to channels that {@linkplain Channel#supportsStreaming() support streaming}.
 * Immutable and thread-safe; the metadata is copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param channelId the sending channel's id, not blank
 * @param conversationId the conversation to send to, not blank
 * @param text the message text, not {@code null}
 * @param partial whether this is an update of a reply still being written
 * @param metadata channel-specific details, no {@code null} keys or values
 * @since 0.1.0
 */
public record OutboundMessage(
        String channelId, String conversationId, String text, boolean partial, Map<String, String> metadata) {

    public OutboundMessage {
        InboundMessage.requireId(channelId, "channelId");
        InboundMessage.requireId(conversationId, "conversationId");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    /**
     * Returns a complete message without metadata.
     *
     * @param channelId the sending channel's id
     * @param conversationId the conversation to send to
     * @param text the message text
     * @return the message
     */
    public static OutboundMessage of(String channelId, String conversationId, String text) {
        return new OutboundMessage(channelId, conversationId, text, false, Map.of());
    }

    /**
     * Returns a partial message without metadata, holding the text of a reply written so far.
     *
     * @param channelId the sending channel's id
     * @param conversationId the conversation to send to
     * @param textSoFar all text of the reply so far
     * @return the message
     */
    public static OutboundMessage partialOf(String channelId, String conversationId, String textSoFar) {
        return new OutboundMessage(channelId, conversationId, textSoFar, true, Map.of());
    }
}
