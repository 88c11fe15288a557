package dev.pincer.core.hooks;

import dev.pincer.api.Registration;
import dev.pincer.api.hook.HookHandler;
import dev.pincer.api.hook.HookKind;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs plugins' hook handlers when the gateway fires a {@link HookPoint}, each through the {@link
 * Guard} in {@link Phase#HOOK} with the handler's plugin id, class loader and time limit.
 *
 * <p>How handlers run and what their outcomes mean depends on the point's {@link HookKind}; the
 * table in {@link HookKind} is the contract. In short: {@code OBSERVE} handlers run on the observer
 * executor and {@link #fire} does not wait for them; {@code MODIFY}, {@code GATE} and {@code CLAIM}
 * handlers run one after another on the caller's thread (each bounded by its time limit on the
 * guard's executor), higher priority first, registration order breaking ties. A gate that throws,
 * times out or returns {@code null} blocks; on the other kinds such a handler is skipped.
 *
 * <p>Failures and time-outs reach the guard's {@link Guard.FailureSink}. Misuse the guard cannot
 * see — an outcome the kind does not honour, a {@code null} outcome, a replacement event of the
 * wrong type — is reported as a warning {@link Diagnostic} to the {@code reports} sink, once per
 * registration and kind of misuse ({@code hooks.outcome-not-honoured}, {@code hooks.null-outcome},
 * {@code hooks.wrong-event-type}); an observer the executor refuses is reported every time ({@code
 * hooks.observer-rejected}).
 *
 * <p>Thread-safe: handlers may be registered, removed and fired from any thread; a fire sees the
 * handlers registered when it started, except that a handler removed meanwhile is not called.
 *
 * @since 0.1.0
 */
public final class HookBus {

    private final Guard guard;
    private final ExecutorService observers;
    private final Consumer<Diagnostic> reports;
    private final OutcomeRules rules;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<HookPoint<?>, List<HandlerEntry<?>>> chains = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, java.util.concurrent.atomic.AtomicInteger> pendingObservers =
            new ConcurrentHashMap<>();
    private final List<java.util.function.BiConsumer<HookPoint<?>, Object>> tracers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Creates a bus with no handlers.
     *
     * @param guard runs every handler call
     * @param observers runs observer handlers; it must not be the guard's executor unless that is
     *     unbounded, since an observer waits there for its guarded call
     * @param reports receives misuse warnings; must be thread-safe
     * @throws NullPointerException if an argument is {@code null}
     */
    public HookBus(Guard guard, ExecutorService observers, Consumer<Diagnostic> reports) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.observers = Objects.requireNonNull(observers, "observers");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.rules = new OutcomeRules(reports);
    }

    /**
     * Registers a handler on a hook point.
     *
     * @param <E> the point's event type
     * @param pluginId the plugin the handler belongs to, not blank
     * @param point the hook point
     * @param priority higher runs earlier on sequential points; ignored by observers
     * @param handler the plugin's handler
     * @param timeout how long one call may take, positive
     * @param loader the plugin's class loader, made the context class loader during calls; {@code
     *     null} to leave it alone
     * @return a registration whose {@link Registration#close()} removes the handler; calls already
     *     running finish, no new ones start
     * @throws NullPointerException if an argument other than {@code loader} is {@code null}
     * @throws IllegalArgumentException if {@code pluginId} is blank or {@code timeout} not positive
     */
    public <E> Registration register(
            String pluginId,
            HookPoint<E> point,
            int priority,
            HookHandler<E> handler,
            Duration timeout,
            ClassLoader loader) {
        requirePluginId(pluginId);
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "the " + point + " hook of plugin '" + pluginId + "' needs a positive timeout, but got " + timeout);
        }
        HandlerEntry<E> entry =
                new HandlerEntry<>(pluginId, point, priority, sequence.getAndIncrement(), handler, timeout, loader);
        chains.compute(point, (p, chain) -> withAdded(chain, entry));
        return () -> remove(point, candidate -> candidate == entry);
    }

    /**
     * Removes every handler of a plugin, on every point; calls already running finish.
     *
     * @param pluginId the plugin
     * @throws NullPointerException if {@code pluginId} is {@code null}
     */
    public void unregisterAll(String pluginId) {
        Objects.requireNonNull(pluginId, "pluginId");
        for (HookPoint<?> point : chains.keySet()) {
            remove(point, candidate -> candidate.pluginId().equals(pluginId));
        }
    }

    /**
     * Returns how many handlers are registered on a point.
     *
     * @param point the hook point
     * @return the number of handlers
     */
    public int handlerCount(HookPoint<?> point) {
        return chains.getOrDefault(Objects.requireNonNull(point, "point"), List.of())
                .size();
    }

    /**
     * Calls {@code tracer} with every hook point fired and its event, on the firing thread, before
     * any handler runs: the order of the calls is the order the host fired the points in. For
     * diagnostics and tests; a tracer must be quick and must not throw.
     *
     * @return a registration whose {@link Registration#close()} removes the tracer
     */
    public Registration trace(java.util.function.BiConsumer<HookPoint<?>, Object> tracer) {
        Objects.requireNonNull(tracer, "tracer");
        tracers.add(tracer);
        return () -> tracers.remove(tracer);
    }

    /**
     * Fires a hook point: runs its handlers as the point's kind says.
     *
     * <p>On an {@code OBSERVE} point this schedules the handlers and returns at once with the event
     * unchanged. On the other kinds it returns when the chain has ended.
     *
     * @param <E> the point's event type
     * @param point the hook point
     * @param event the event, not {@code null}
     * @return the outcome of the chain: the event to go on with, or who stopped or claimed it
     * @throws NullPointerException if an argument is {@code null}
     */
    public <E> HookResult<E> fire(HookPoint<E> point, E event) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(event, "event");
        tracers.forEach(t -> t.accept(point, event));
        List<HandlerEntry<E>> chain = chainOf(point);
        if (point.kind() == HookKind.OBSERVE) {
            chain.forEach(entry -> observe(entry, event));
            return HookResult.proceeded(event);
        }
        E current = event;
        for (HandlerEntry<E> entry : chain) {
            if (!entry.isActive()) {
                continue;
            }
            HookResult<E> step = step(entry, current);
            if (!step.proceeds()) {
                return step;
            }
            current = step.event();
        }
        return HookResult.proceeded(current);
    }

    private <E> HookResult<E> step(HandlerEntry<E> entry, E event) {
        Outcome<HookOutcome<E>> called = call(entry, event);
        if (called instanceof Outcome.Ok<HookOutcome<E>> ok && ok.value() != null) {
            return rules.honour(entry, ok.value(), event);
        }
        return rules.failed(entry, called, event);
    }

    private <E> void observe(HandlerEntry<E> entry, E event) {
        java.util.concurrent.atomic.AtomicInteger pending = pendingObservers.computeIfAbsent(
                entry.pluginId(), id -> new java.util.concurrent.atomic.AtomicInteger());
        pending.incrementAndGet();
        try {
            observers.execute(() -> {
                try {
                    if (entry.isActive()
                            && call(entry, event) instanceof Outcome.Ok<HookOutcome<E>> ok
                            && ok.value() == null) {
                        rules.reportNullOutcome(entry);
                    }
                } finally {
                    done(pending);
                }
            });
        } catch (RejectedExecutionException e) {
            done(pending);
            reports.accept(Diagnostic.warning(
                    "hooks.observer-rejected",
                    entry.pluginId(),
                    null,
                    entry.describe() + " was not run: the observer executor refused it (" + e.getMessage() + ")",
                    "fire observing hooks only while the gateway's executors are running"));
        }
    }

    private static void done(java.util.concurrent.atomic.AtomicInteger pending) {
        synchronized (pending) {
            if (pending.decrementAndGet() == 0) {
                pending.notifyAll();
            }
        }
    }

    /**
     * Waits until every observer call of {@code pluginId}'s handlers that was already scheduled has
     * run, at most {@code limit}; the host calls it before it removes a plugin's handlers, so that
     * events fired while the plugin was active still reach it.
     *
     * @return whether none is left
     */
    public boolean awaitObservers(String pluginId, Duration limit) {
        java.util.concurrent.atomic.AtomicInteger pending = pendingObservers.get(pluginId);
        if (pending == null) {
            return true;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (pending) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(pending, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private <E> Outcome<HookOutcome<E>> call(HandlerEntry<E> entry, E event) {
        return guard.call(entry.pluginId(), Phase.HOOK, entry.loader(), entry.timeout(), () -> entry.handler()
                .handle(event));
    }

    private void remove(HookPoint<?> point, Predicate<HandlerEntry<?>> which) {
        chains.computeIfPresent(point, (p, chain) -> {
            List<HandlerEntry<?>> kept = new ArrayList<>(chain.size());
            for (HandlerEntry<?> entry : chain) {
                if (which.test(entry)) {
                    entry.deactivate();
                } else {
                    kept.add(entry);
                }
            }
            return kept.isEmpty() ? null : List.copyOf(kept);
        });
    }

    private static List<HandlerEntry<?>> withAdded(List<HandlerEntry<?>> chain, HandlerEntry<?> entry) {
        List<HandlerEntry<?>> added = chain == null ? new ArrayList<>() : new ArrayList<>(chain);
        added.add(entry);
        added.sort(HandlerEntry.ORDER);
        return List.copyOf(added);
    }

    // Safe: register() files every entry under its own point, so entries of a point share its type.
    @SuppressWarnings("unchecked")
    private <E> List<HandlerEntry<E>> chainOf(HookPoint<E> point) {
        List<?> chain = chains.getOrDefault(point, List.of());
        return (List<HandlerEntry<E>>) chain;
    }

    private static void requirePluginId(String pluginId) {
        Objects.requireNonNull(pluginId, "pluginId");
        if (pluginId.isBlank()) {
            throw new IllegalArgumentException("pluginId must not be blank");
        }
    }
}
