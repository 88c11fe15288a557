package dev.pincer.api.hook;

/**
 * Handles the events of one hook point.
 *
 * <p>Handlers of {@link HookKind#OBSERVE} points run concurrently with each other, and any handler
 * may run for several sessions at once, so implementations must be thread-safe. Calls go through
 * the host's guard; what a failure means depends on the point's {@link HookKind}.
 *
 * @param <E> the hook point's event type
 * @since 0.1.0
 */
@FunctionalInterface
public interface HookHandler<E> {

    /**
     * Handles one event.
     *
     * @param event the event, never {@code null}
     * @return what to do next, never {@code null}; see {@link HookKind} for which outcomes count
     * @throws Exception if handling fails
     */
    HookOutcome<E> handle(E event) throws Exception;
}
