package dev.pincer.api.tool;

import java.util.Objects;

/**
 * Carries the caller's model's answer to a {@link SampleRequest}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param role who speaks the reply, normally {@link Role#ASSISTANT}
 * @param content the reply
 * @param model the model that answered, as the caller names it, or {@code null}
 * @param stopReason why the model stopped, e.g. {@code endTurn}, or {@code null}
 * @since 0.1.0
 */
public record SampleReply(Role role, Content content, String model, String stopReason) {

    public SampleReply {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
