package dev.pincer.api.hook;

/**
 * Says how Pincer runs the handlers of a hook point and which {@link HookOutcome}s it honours.
 *
 * <p>On every kind, a handler that returns {@link HookOutcome#proceed()} leaves the event as it
 * is. Pincer applies a timeout to every handler and reports handlers that throw, time out or
 * return {@code null}.
 *
 * @since 0.1.0
 */
public enum HookKind {

    /**
     * Handlers run concurrently and their outcomes are ignored; they can watch but not change.
     *
     * <p>A handler that fails affects nothing but its own report. Priority is ignored.
     */
    OBSERVE,

    /**
     * Handlers run one after another by priority; each may replace the event the next one sees.
     *
     * <p>Honoured outcomes: {@link HookOutcome#replace} passes a changed event on, and {@link
     * HookOutcome#cancel} stops the chain and the action (the message is not sent, or the agent
     * turn is abandoned). A {@link HookOutcome#block} is not a modify outcome; Pincer reports the
     * misuse and treats it as a cancel, so a handler that asked to stop something is never
     * ignored. A handler that throws or times out is skipped: its change is dropped and the chain
     * continues with the event as it was.
     */
    MODIFY,

    /**
     * Handlers run one after another by priority; any of them may stop the action.
     *
     * <p>Honoured outcomes: {@link HookOutcome#replace} passes a changed event on (for example
     * changed tool arguments), and {@link HookOutcome#block} stops the chain and the action, and
     * the reason is reported to whoever asked for it. A {@link HookOutcome#cancel} is treated as a
     * block. Gates fail closed: a handler that throws or times out blocks the action.
     */
    GATE
}
