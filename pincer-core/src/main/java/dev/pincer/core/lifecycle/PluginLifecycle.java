package dev.pincer.core.lifecycle;

import static dev.pincer.core.lifecycle.PluginState.ACTIVE;
import static dev.pincer.core.lifecycle.PluginState.AWAITING_APPROVAL;
import static dev.pincer.core.lifecycle.PluginState.BLOCKED;
import static dev.pincer.core.lifecycle.PluginState.DEACTIVATING;
import static dev.pincer.core.lifecycle.PluginState.DISABLED;
import static dev.pincer.core.lifecycle.PluginState.DISCOVERED;
import static dev.pincer.core.lifecycle.PluginState.FAILED;
import static dev.pincer.core.lifecycle.PluginState.INACTIVE;
import static dev.pincer.core.lifecycle.PluginState.LOADED;
import static dev.pincer.core.lifecycle.PluginState.RESOLVED;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Owns the state of every plugin in a running host: it is the only place a plugin's state
 * changes, and it refuses moves the table below does not allow.
 *
 * <table>
 *   <caption>Legal moves</caption>
 *   <tr><th>from</th><th>to</th></tr>
 *   <tr><td>discovered</td><td>resolved, disabled, blocked, failed</td></tr>
 *   <tr><td>resolved</td><td>loaded, failed, disabled</td></tr>
 *   <tr><td>loaded</td><td>active, failed, inactive</td></tr>
 *   <tr><td>active</td><td>deactivating, failed</td></tr>
 *   <tr><td>deactivating</td><td>inactive, failed</td></tr>
 *   <tr><td>inactive</td><td>resolved, disabled</td></tr>
 *   <tr><td>failed</td><td>inactive, resolved, disabled</td></tr>
 *   <tr><td>disabled</td><td>resolved, blocked</td></tr>
 *   <tr><td>blocked</td><td>resolved, disabled</td></tr>
 * </table>
 *
 * <p>Every change is reported to the listeners as a {@link StateChange}, after the change and
 * outside any lock, exactly once and in the order the changes happened. A change made while
 * another thread is delivering events (or from inside a listener) is delivered by that thread, so
 * {@link #transition} may return before its listeners have run. A listener that throws does not
 * stop the change or the other listeners; its failure goes to the failure handler.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class PluginLifecycle {

    /** The legal moves; the one copy of the table in the class comment. */
    private static final Map<PluginState, Set<PluginState>> MOVES = moves();

    private final Clock clock;
    private final BiConsumer<StateChange, Throwable> listenerFailed;
    private final Object lock = new Object();
    private final Map<String, PluginState> states = new HashMap<>();
    private final Queue<StateChange> undelivered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();
    private final CopyOnWriteArrayList<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates a lifecycle that reports failing listeners to the {@link System.Logger} named after
     * this class.
     *
     * @param clock stamps every change
     */
    public PluginLifecycle(Clock clock) {
        this(clock, PluginLifecycle::logListenerFailure);
    }

    /**
     * Creates a lifecycle.
     *
     * @param clock stamps every change
     * @param listenerFailed told when a listener throws, with the change it was given; must not
     *     throw
     */
    public PluginLifecycle(Clock clock, BiConsumer<StateChange, Throwable> listenerFailed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listenerFailed = Objects.requireNonNull(listenerFailed, "listenerFailed");
    }

    /** Returns the states a plugin in {@code from} may move to; empty for none. */
    public static Set<PluginState> allowedMoves(PluginState from) {
        return MOVES.get(Objects.requireNonNull(from, "from"));
    }

    /**
     * Starts tracking {@code id} in {@code initial}; this is not a change and tells no listener.
     *
     * @throws IllegalStateException if {@code id} is already tracked
     */
    public void track(String id, PluginState initial) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(initial, "initial");
        synchronized (lock) {
            PluginState current = states.putIfAbsent(id, initial);
            if (current != null) {
                throw new IllegalStateException("plugin '" + id + "' is already tracked, in state " + current.label());
            }
        }
    }

    /**
     * Returns the state of {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is not tracked
     */
    public PluginState state(String id) {
        synchronized (lock) {
            return current(id);
        }
    }

    /**
     * Moves {@code id} to {@code to}, then tells the listeners.
     *
     * @param reason why, for a person; must not be blank
     * @return the change made
     * @throws IllegalArgumentException if {@code id} is not tracked or {@code reason} is blank
     * @throws IllegalStateException if the table does not allow the move from the current state,
     *     e.g. {@code "plugin 'x' cannot go from active to loaded"}
     */
    public StateChange transition(String id, PluginState to, String reason) {
        Objects.requireNonNull(to, "to");
        StateChange change;
        synchronized (lock) {
            PluginState from = current(id);
            if (!MOVES.get(from).contains(to)) {
                throw new IllegalStateException(
                        "plugin '" + id + "' cannot go from " + from.label() + " to " + to.label());
            }
            change = new StateChange(id, from, to, reason, clock.instant());
            states.put(id, to);
            // Queued under the lock so that the queue order is the order of the changes.
            undelivered.add(change);
        }
        deliver();
        return change;
    }

    /** Adds a listener, told about every later change; it must be thread-safe. */
    public void addListener(Consumer<StateChange> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before; returns whether it was there. */
    public boolean removeListener(Consumer<StateChange> listener) {
        return listeners.remove(listener);
    }

    /** Returns every tracked plugin's state at one instant, sorted by id; immutable. */
    public Map<String, PluginState> snapshot() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new TreeMap<>(states));
        }
    }

    private PluginState current(String id) {
        PluginState state = states.get(Objects.requireNonNull(id, "id"));
        if (state == null) {
            throw new IllegalArgumentException("plugin '" + id + "' is not tracked");
        }
        return state;
    }

    /**
     * Delivers queued changes unless another thread already is. The re-check after releasing the
     * flag picks up a change queued by a thread that found the flag taken just before.
     */
    private void deliver() {
        while (!undelivered.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                StateChange change;
                while ((change = undelivered.poll()) != null) {
                    notifyListeners(change);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    private void notifyListeners(StateChange change) {
        for (Consumer<StateChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                listenerFailed.accept(change, e);
            }
        }
    }

    private static void logListenerFailure(StateChange change, Throwable error) {
        System.getLogger(PluginLifecycle.class.getName())
                .log(System.Logger.Level.WARNING, "a lifecycle listener failed on " + change.describe(), error);
    }

    private static Map<PluginState, Set<PluginState>> moves() {
        Map<PluginState, Set<PluginState>> moves = new EnumMap<>(PluginState.class);
        moves.put(DISCOVERED, EnumSet.of(RESOLVED, DISABLED, BLOCKED, AWAITING_APPROVAL, FAILED));
        moves.put(AWAITING_APPROVAL, EnumSet.of(RESOLVED, DISABLED, BLOCKED, FAILED));
        moves.put(RESOLVED, EnumSet.of(LOADED, FAILED, DISABLED, AWAITING_APPROVAL));
        moves.put(LOADED, EnumSet.of(ACTIVE, FAILED, INACTIVE));
        moves.put(ACTIVE, EnumSet.of(DEACTIVATING, FAILED));
        moves.put(DEACTIVATING, EnumSet.of(INACTIVE, FAILED));
        moves.put(INACTIVE, EnumSet.of(RESOLVED, DISABLED, AWAITING_APPROVAL));
        moves.put(FAILED, EnumSet.of(INACTIVE, RESOLVED, DISABLED));
        moves.put(DISABLED, EnumSet.of(RESOLVED, BLOCKED, AWAITING_APPROVAL));
        moves.put(BLOCKED, EnumSet.of(RESOLVED, DISABLED, AWAITING_APPROVAL));
        Set<PluginState> missing = EnumSet.complementOf(EnumSet.copyOf(moves.keySet()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the move table has no row for " + missing);
        }
        moves.replaceAll((from, to) -> Collections.unmodifiableSet(to));
        return Collections.unmodifiableMap(moves);
    }
}
