package dev.pincer.mcp.server;

import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.InboundMessage;
import dev.pincer.api.channel.InboundSink;
import dev.pincer.api.channel.OutboundMessage;
import dev.pincer.core.agent.Delivery;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The gateway's HTTP channel, {@code http}: a person (or a program) posts a message to {@code
 * /api/chat} and reads the reply in the response, whole or streamed.
 *
 * <p>Registered by the host as {@value #OWNER}, so it runs through the same channel machinery as a
 * plugin's channel. Each request waits in its conversation's line; the gateway answers a
 * conversation's messages in order, so the reply the channel is given belongs to the request at
 * the head of that line. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpChannel implements Channel {

    /** The host-owned name the channel is registered under. */
    public static final String OWNER = "pincer:http";

    /** The channel id messages carry. */
    public static final String ID = "http";

    private final Map<String, Deque<Exchange>> waiting = new HashMap<>();
    private volatile Function<InboundMessage, CompletableFuture<Delivery>> gateway;
    private volatile boolean running;

    /** One request waiting for its reply: told every partial reply, then the delivery. */
    private record Exchange(Consumer<OutboundMessage> replies) {}

    /**
     * Connects the channel to the gateway that handles its messages; until then, and after {@link
     * #stop}, requests are refused.
     */
    public void connect(Function<InboundMessage, CompletableFuture<Delivery>> submit) {
        this.gateway = Objects.requireNonNull(submit, "submit");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start(InboundSink sink) {
        running = true;
    }

    @Override
    public boolean supportsStreaming() {
        return true;
    }

    @Override
    public void send(OutboundMessage message) {
        Exchange head;
        synchronized (waiting) {
            Deque<Exchange> line = waiting.get(message.conversationId());
            head = line == null ? null : line.peekFirst();
        }
        if (head == null) {
            throw new IllegalStateException("nobody is waiting for a reply in conversation '" + message.conversationId()
                    + "' of the HTTP channel; the request was closed");
        }
        head.replies().accept(message);
    }

    @Override
    public void stop() {
        running = false;
    }

    /**
     * Hands {@code message} to the gateway and returns what became of it; {@code replies} is told
     * each message the gateway sends back (partial ones first, when streaming) before the future
     * completes.
     *
     * @throws IllegalStateException when the channel is not running
     */
    CompletableFuture<Delivery> exchange(InboundMessage message, Consumer<OutboundMessage> replies) {
        Function<InboundMessage, CompletableFuture<Delivery>> submit = gateway;
        if (!running || submit == null) {
            throw new IllegalStateException("the HTTP channel is not running; the gateway is starting or stopping");
        }
        Exchange exchange = new Exchange(replies);
        synchronized (waiting) {
            waiting.computeIfAbsent(message.conversationId(), c -> new ArrayDeque<>())
                    .addLast(exchange);
        }
        return submit.apply(message).whenComplete((delivery, error) -> {
            synchronized (waiting) {
                Deque<Exchange> line = waiting.get(message.conversationId());
                if (line != null) {
                    line.remove(exchange);
                    if (line.isEmpty()) {
                        waiting.remove(message.conversationId());
                    }
                }
            }
        });
    }
}
