package dev.pincer.api.channel;

/**
 * Connects Pincer to one messaging surface: delivers what users write and sends back replies.
 *
 * <p>Pincer calls {@link #start} once after the plugin's activation, then {@link #send} any number
 * of times, possibly concurrently for different conversations, then {@link #stop} once. All calls
 * go through the host's guard. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Channel {

    /**
     * Returns the channel's id, unique in the gateway and used in every message it carries.
     *
     * @return a stable, non-blank id such as {@code "console"} or {@code "slack"}
     */
    String id();

    /**
     * Starts listening and returns promptly; from then on hands every incoming message to the sink.
     *
     * @param sink where to deliver incoming messages, valid until {@link #stop}
     * @throws Exception if the channel cannot start
     */
    void start(InboundSink sink) throws Exception;

    /**
     * Delivers a message to the user.
     *
     * <p>Partial messages arrive only if {@link #supportsStreaming()} is {@code true}.
     *
     * @param message the message, whose {@code channelId} is this channel's id
     * @throws Exception if the message cannot be delivered
     */
    void send(OutboundMessage message) throws Exception;

    /**
     * Returns whether this channel can show a reply while it is being written, through partial
     * {@link OutboundMessage}s; the default is {@code false}.
     *
     * @return {@code true} if the channel accepts partial messages
     */
    default boolean supportsStreaming() {
        return false;
    }

    /**
     * Stops listening and releases the channel's resources; the sink is no longer used.
     *
     * @throws Exception if stopping fails; the plugin is still unloaded
     */
    void stop() throws Exception;
}
