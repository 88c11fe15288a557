package dev.pincer.core.agent;

import dev.pincer.api.Registration;
import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.InboundMessage;
import dev.pincer.api.channel.InboundSink;
import dev.pincer.api.channel.OutboundMessage;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the registered channels running: starts each one the registry holds (at start, and when a
 * plugin activation or reload adds one), stops each one that leaves it, and sends replies through
 * the channel a message came from.
 *
 * <p>Every call into a channel goes through the host's guard. Thread-safe: starting and stopping
 * happen on one thread of their own, so a registry change never waits for a channel.
 */
final class Channels implements AutoCloseable {

    private final PluginHost host;
    private final Consumer<InboundMessage> inbound;
    private final Consumer<String> log;
    private final Map<Channel, Running> running = new IdentityHashMap<>();
    private final ExecutorService syncer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pincer-channels");
        t.setDaemon(true);
        return t;
    });
    private Registration listening;
    private boolean closed;

    /** A started channel and the sink it was given. */
    private record Running(Capability capability, Sink sink) {}

    /**
     * @param inbound takes every message a running channel receives; must be quick and thread-safe
     * @param log told about channels started, stopped, or failing to
     */
    Channels(PluginHost host, Consumer<InboundMessage> inbound, Consumer<String> log) {
        this.host = host;
        this.inbound = inbound;
        this.log = log;
    }

    /** Starts every registered channel now, then follows the registry. */
    void start() {
        sync();
        listening = host.onRegistryChange(snapshot -> {
            try {
                syncer.execute(this::sync);
            } catch (RejectedExecutionException e) {
                // Closing: channels are being stopped anyway.
            }
        });
    }

    /** Starts the channels that are registered but not running, and stops those no longer registered. */
    synchronized void sync() {
        if (closed) {
            return;
        }
        List<Capability> registered = host.registry().all(CapabilityKind.CHANNEL);
        Map<Channel, Capability> now = new IdentityHashMap<>();
        registered.forEach(c -> now.put(c.valueAs(Channel.class), c));
        for (Channel gone : new ArrayList<>(running.keySet())) {
            if (!now.containsKey(gone)) {
                stop(gone, running.remove(gone));
            }
        }
        now.forEach((channel, capability) -> {
            if (!running.containsKey(channel)) {
                Sink sink = new Sink(capability.name());
                Outcome<Object> started = host.callInto(capability, Phase.CHANNEL, null, () -> {
                    channel.start(sink);
                    return null;
                });
                if (started.ok()) {
                    running.put(channel, new Running(capability, sink));
                    log.accept("channel '" + capability.name() + "' of " + capability.owner() + " started");
                } else {
                    sink.close();
                    log.accept("channel '" + capability.name() + "' of " + capability.owner() + " did not start: "
                            + started.message());
                }
            }
        });
    }

    /** Returns the running channel with {@code id}, if there is one. */
    synchronized Optional<Capability> find(String id) {
        return running.values().stream()
                .map(Running::capability)
                .filter(c -> c.name().equals(id))
                .findFirst();
    }

    /** Returns the ids of the running channels. */
    synchronized List<String> ids() {
        return running.values().stream()
                .map(r -> r.capability().name())
                .sorted()
                .toList();
    }

    /**
     * Sends {@code message} through the running channel its {@code channelId} names.
     *
     * @return empty when it was sent, otherwise why not
     */
    Optional<String> send(OutboundMessage message) {
        Optional<Capability> channel = find(message.channelId());
        if (channel.isEmpty()) {
            return Optional.of("channel '" + message.channelId() + "' is not running");
        }
        Capability capability = channel.get();
        Outcome<Object> sent = host.callInto(capability, Phase.CHANNEL, null, () -> {
            capability.valueAs(Channel.class).send(message);
            return null;
        });
        return sent.ok() ? Optional.empty() : Optional.of(sent.message());
    }

    /** Returns whether the running channel {@code id} can show replies while they are written. */
    boolean streams(String id) {
        return find(id).map(c -> {
                    Outcome<Boolean> answer = host.callInto(c, Phase.CHANNEL, null, () -> c.valueAs(Channel.class)
                            .supportsStreaming());
                    return answer instanceof Outcome.Ok<Boolean> ok && Boolean.TRUE.equals(ok.value());
                })
                .orElse(false);
    }

    /** Stops every running channel, newest first; their sinks refuse messages from now on. */
    @Override
    public void close() {
        if (listening != null) {
            listening.close();
        }
        syncer.shutdownNow();
        try {
            syncer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Map.Entry<Channel, Running>> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(running.entrySet());
            running.clear();
        }
        Collections.reverse(all);
        all.forEach(e -> stop(e.getKey(), e.getValue()));
    }

    private void stop(Channel channel, Running was) {
        was.sink().close();
        Outcome<Object> stopped = host.callInto(was.capability(), Phase.CHANNEL, null, () -> {
            channel.stop();
            return null;
        });
        log.accept("channel '" + was.capability().name() + "' of "
                + was.capability().owner() + (stopped.ok() ? " stopped" : " failed to stop: " + stopped.message()));
    }

    /** The sink one channel hands its messages to; it takes only messages of its own channel. */
    private final class Sink implements InboundSink {
        private final String channelId;
        private volatile boolean open = true;

        Sink(String channelId) {
            this.channelId = channelId;
        }

        @Override
        public void receive(InboundMessage message) {
            java.util.Objects.requireNonNull(message, "message");
            if (!open) {
                throw new IllegalStateException(
                        "channel '" + channelId + "' has been stopped; it cannot deliver" + " messages any more");
            }
            if (!message.channelId().equals(channelId)) {
                throw new IllegalArgumentException("channel '" + channelId + "' delivered a message claiming to come"
                        + " from channel '" + message.channelId() + "'; a channel delivers only its own messages");
            }
            inbound.accept(message);
        }

        void close() {
            open = false;
        }
    }
}
