package dev.pincer.api.tool;

/**
 * Says who speaks a message in a conversation with a model: the user or the assistant.
 *
 * @since 0.1.0
 */
public enum Role {
    /** The person, or the host speaking for them. */
    USER,
    /** The model. */
    ASSISTANT
}
