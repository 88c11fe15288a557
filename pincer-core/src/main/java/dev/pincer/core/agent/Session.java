package dev.pincer.core.agent;

import dev.pincer.api.provider.ChatMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One conversation on one channel, while it is active: its id, the messages exchanged so far, and
 * the queue that handles its messages one at a time.
 *
 * <p>Thread-safe: every method synchronizes on the session.
 */
final class Session {

    private final String id;
    private final String channelId;
    private final String conversationId;
    private final Deque<ChatMessage> history = new ArrayDeque<>();
    private Instant lastActive;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int waiting;
    private boolean ended;

    Session(String id, String channelId, String conversationId, Instant now) {
        this.id = id;
        this.channelId = channelId;
        this.conversationId = conversationId;
        this.lastActive = now;
    }

    String id() {
        return id;
    }

    String channelId() {
        return channelId;
    }

    String conversationId() {
        return conversationId;
    }

    /** Returns the last {@code limit} messages, oldest first. */
    synchronized List<ChatMessage> history(int limit) {
        List<ChatMessage> all = List.copyOf(history);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** Remembers a user's message and the reply to it, keeping at most {@code limit} messages. */
    synchronized void remember(ChatMessage user, ChatMessage reply, int limit) {
        history.addLast(user);
        history.addLast(reply);
        while (history.size() > limit) {
            history.removeFirst();
        }
    }

    synchronized void touch(Instant now) {
        lastActive = now;
    }

    synchronized boolean idleSince(Instant cutoff) {
        return waiting == 0 && lastActive.isBefore(cutoff);
    }

    /**
     * Queues {@code task} after the session's earlier messages, unless {@code max} are waiting
     * already or the session has ended.
     *
     * @return the task's future, or {@code null} when it was not queued
     */
    synchronized <T> CompletableFuture<T> enqueue(
            java.util.function.Supplier<T> task, java.util.concurrent.Executor executor, int max) {
        if (ended || waiting >= max) {
            return null;
        }
        waiting++;
        CompletableFuture<T> next = tail.handle((ignored, error) -> null)
                .thenApplyAsync(
                        ignored -> {
                            try {
                                return task.get();
                            } finally {
                                synchronized (this) {
                                    waiting--;
                                }
                            }
                        },
                        executor);
        tail = next;
        return next;
    }

    /** Returns the future of the last queued task, done when every queued message was handled. */
    synchronized CompletableFuture<?> tail() {
        return tail;
    }

    /** Marks the session ended; returns whether it was still open. */
    synchronized boolean end() {
        boolean was = !ended;
        ended = true;
        return was;
    }

    synchronized boolean ended() {
        return ended;
    }
}
