package dev.pincer.api.channel;

/**
 * Transforms messages in one direction of the pipeline between channels and the agent.
 *
 * <p>Inbound stages see messages after a channel received them and before hooks and the agent do;
 * outbound stages see replies before they are sent. Stages run one after another, and each sees
 * what the previous one passed on. Pincer calls stages concurrently for different
 * conversations, through the host's guard; a stage that throws is skipped and the message passes
 * on unchanged. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Stage {

    /**
     * Returns the stage's name, unique within its plugin, for logs and the dashboard.
     *
     * @return a stable, non-blank name such as {@code "redact-secrets"}
     */
    String name();

    /**
     * Returns which messages this stage sees.
     *
     * @return the direction, never {@code null}
     */
    Direction direction();

    /**
     * Processes one message.
     *
     * @param message the message, whose direction is this stage's
     * @return whether to pass, replace or drop the message; never {@code null}
     * @throws Exception if processing fails
     */
    StageResult apply(StageMessage message) throws Exception;

    /**
     * Names the two directions of the message pipeline.
     *
     * @since 0.1.0
     */
    enum Direction {
        /** From a channel towards the agent. */
        INBOUND,
        /** From the agent towards a channel. */
        OUTBOUND
    }
}
