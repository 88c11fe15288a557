package dev.pincer.core.hooks;

import dev.pincer.api.hook.HookHandler;
import dev.pincer.api.hook.HookPoint;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds one registered hook handler with everything needed to call it through the guard.
 *
 * <p>Compared by identity: two registrations of the same handler are two entries. Thread-safe.
 */
final class HandlerEntry<E> {

    /** Higher priority first; registration order breaks ties. */
    static final Comparator<HandlerEntry<?>> ORDER =
            Comparator.<HandlerEntry<?>>comparingInt(e -> e.priority).reversed().thenComparingLong(e -> e.order);

    private final String pluginId;
    private final HookPoint<E> point;
    private final int priority;
    private final long order;
    private final HookHandler<E> handler;
    private final Duration timeout;
    private final ClassLoader loader;
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    HandlerEntry(
            String pluginId,
            HookPoint<E> point,
            int priority,
            long order,
            HookHandler<E> handler,
            Duration timeout,
            ClassLoader loader) {
        this.pluginId = pluginId;
        this.point = point;
        this.priority = priority;
        this.order = order;
        this.handler = handler;
        this.timeout = timeout;
        this.loader = loader;
    }

    String pluginId() {
        return pluginId;
    }

    HookPoint<E> point() {
        return point;
    }

    HookHandler<E> handler() {
        return handler;
    }

    Duration timeout() {
        return timeout;
    }

    ClassLoader loader() {
        return loader;
    }

    boolean isActive() {
        return active.get();
    }

    /** Stops new calls; returns whether this call was the one that did. */
    boolean deactivate() {
        return active.compareAndSet(true, false);
    }

    /** Returns {@code true} the first time a problem with this key is seen, so it is reported once. */
    boolean firstReportOf(String key) {
        return reported.add(key);
    }

    /** Returns how messages name this handler, e.g. {@code plugin 'x''s before_tool_call hook}. */
    String describe() {
        return "plugin '" + pluginId + "''s " + point.name() + " hook";
    }
}
