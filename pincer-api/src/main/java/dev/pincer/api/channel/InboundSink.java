package dev.pincer.api.channel;

/**
 * Takes the messages a {@link Channel} receives, handed to it by Pincer in {@link Channel#start}.
 *
 * <p>Thread-safe: a channel may call it from any of its threads. It queues the message and
 * returns promptly.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InboundSink {

    /**
     * Hands a received message to Pincer.
     *
     * @param message the message, not {@code null}
     * @throws NullPointerException if {@code message} is {@code null}
     * @throws IllegalStateException if the channel has been stopped
     */
    void receive(InboundMessage message);
}
