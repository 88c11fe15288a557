package dev.pincer.api.hook;

/**
 * Says how Pincer runs the handlers of a hook point and which {@link HookOutcome}s it honours.
 *
 * <p>On every kind, a handler that returns {@link HookOutcome#proceed()} leaves the event as it
 * is. Pincer applies a timeout to every handler and reports handlers that throw, time out or
 * return {@code null}; a {@code null} outcome counts as a failure. An outcome the kind does not
 * honour is reported once per registered handler and then treated as the table says: a request to
 * stop something is never ignored, and anything else a gate does not understand blocks.
 *
 * <table class="striped">
 *   <caption>What each outcome does on each kind</caption>
 *   <thead>
 *     <tr><th scope="col">outcome</th><th scope="col">{@code OBSERVE}</th>
 *         <th scope="col">{@code MODIFY}</th><th scope="col">{@code GATE}</th>
 *         <th scope="col">{@code CLAIM}</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><th scope="row">{@code proceed}</th><td>ignored</td><td>next handler</td>
 *         <td>next handler</td><td>next handler</td></tr>
 *     <tr><th scope="row">{@code replace}</th><td>ignored</td><td>next handler sees the new
 *         event</td><td>next handler sees the new event</td><td>misuse: event left as it
 *         was</td></tr>
 *     <tr><th scope="row">{@code cancel}</th><td>ignored</td><td>stops: cancelled</td>
 *         <td>misuse: treated as {@code block}</td><td>misuse: treated as a claim without
 *         reply</td></tr>
 *     <tr><th scope="row">{@code block}</th><td>ignored</td><td>misuse: treated as
 *         {@code cancel}</td><td>stops: blocked</td><td>misuse: treated as a claim without
 *         reply</td></tr>
 *     <tr><th scope="row">{@code claim}</th><td>ignored</td><td>misuse: handler skipped</td>
 *         <td>misuse: blocks</td><td>stops: claimed</td></tr>
 *     <tr><th scope="row">throws, times out, {@code null}</th><td>reported</td>
 *         <td>handler skipped</td><td>blocks (fails closed)</td><td>handler skipped</td></tr>
 *   </tbody>
 * </table>
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
     * the reason is reported to whoever asked for it. A {@link HookOutcome#cancel} is reported and
     * treated as a block, and so is a {@link HookOutcome#claim}. Gates fail closed: a handler that
     * throws, times out or returns {@code null} blocks the action.
     */
    GATE,

    /**
     * Handlers run one after another by priority; the first that claims the event takes it over.
     *
     * <p>Honoured outcome: {@link HookOutcome#claim()} or {@link HookOutcome#claim(String)} stops
     * the chain, and the claiming plugin handles the event instead of Pincer (for {@link
     * HookPoint#MESSAGE_CLAIM}, the plugin answers the message and the agent does not run), with
     * the claim's reply if it has one. A {@link HookOutcome#block} or {@link HookOutcome#cancel}
     * is reported and treated as a claim without reply, so the action still stops; a {@link
     * HookOutcome#replace} is reported and ignored, since claim handlers cannot change the event.
     * A handler that throws or times out is skipped and the next one is asked.
     */
    CLAIM
}
