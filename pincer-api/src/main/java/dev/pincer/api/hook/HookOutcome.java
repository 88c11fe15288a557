package dev.pincer.api.hook;

import java.util.Objects;

/**
 * Tells Pincer what to do after a hook handler ran: proceed, proceed with a replaced event, block,
 * cancel, or claim.
 *
 * <p>Which outcomes are honoured depends on the hook point's {@link HookKind}: observers' outcomes
 * are ignored, {@code replace} counts on modify and gate points, {@code cancel} on modify points,
 * {@code block} on gate points and {@code claim} on claim points; {@link HookKind} has the full
 * table, including what happens to an outcome a kind does not honour. All implementations are
 * immutable records; their constructors throw {@link NullPointerException} for a missing value and
 * {@link IllegalArgumentException} for a blank reason.
 *
 * @param <E> the hook point's event type
 * @since 0.1.0
 */
public sealed interface HookOutcome<E> {

    /**
     * Returns the outcome that lets the action go on with the event unchanged.
     *
     * @param <E> the event type
     * @return the outcome
     */
    static <E> HookOutcome<E> proceed() {
        return new Proceed<>();
    }

    /**
     * Returns the outcome that lets the action go on with a changed event.
     *
     * @param <E> the event type
     * @param event the changed event, not {@code null}
     * @return the outcome
     */
    static <E> HookOutcome<E> replace(E event) {
        return new Replace<>(event);
    }

    /**
     * Returns the outcome of a gate that refuses the action.
     *
     * @param <E> the event type
     * @param reason why, for whoever asked for the action, not blank
     * @return the outcome
     */
    static <E> HookOutcome<E> block(String reason) {
        return new Block<>(reason);
    }

    /**
     * Returns the outcome of a modify handler that drops the action.
     *
     * @param <E> the event type
     * @param reason why, for the logs, not blank
     * @return the outcome
     */
    static <E> HookOutcome<E> cancel(String reason) {
        return new Cancel<>(reason);
    }

    /**
     * Returns the outcome of a claim handler that takes the event over and answers nothing itself.
     *
     * @param <E> the event type
     * @return the outcome
     */
    static <E> HookOutcome<E> claim() {
        return new Claim<>(null);
    }

    /**
     * Returns the outcome of a claim handler that takes the event over and answers with a reply.
     *
     * @param <E> the event type
     * @param reply the answer Pincer sends in place of its own, not {@code null}
     * @return the outcome
     */
    static <E> HookOutcome<E> claim(String reply) {
        return new Claim<>(Objects.requireNonNull(reply, "reply"));
    }

    /**
     * Lets the action go on with the event unchanged.
     *
     * @param <E> the event type
     * @since 0.1.0
     */
    record Proceed<E>() implements HookOutcome<E> {}

    /**
     * Lets the action go on with a changed event.
     *
     * @param <E> the event type
     * @param event the changed event, not {@code null}
     * @since 0.1.0
     */
    record Replace<E>(E event) implements HookOutcome<E> {

        public Replace {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Refuses the action and stops the remaining handlers; honoured on gate points.
     *
     * @param <E> the event type
     * @param reason why the action was refused, not blank
     * @since 0.1.0
     */
    record Block<E>(String reason) implements HookOutcome<E> {

        public Block {
            requireReason(reason, "block");
        }
    }

    /**
     * Drops the action and stops the remaining handlers; honoured on modify points.
     *
     * @param <E> the event type
     * @param reason why the action was dropped, not blank
     * @since 0.1.0
     */
    record Cancel<E>(String reason) implements HookOutcome<E> {

        public Cancel {
            requireReason(reason, "cancel");
        }
    }

    /**
     * Takes the event over and stops the remaining handlers; honoured on claim points.
     *
     * @param <E> the event type
     * @param reply the answer Pincer sends in place of its own, or {@code null} when the claiming
     *     plugin answers by other means or not at all
     * @since 0.1.0
     */
    record Claim<E>(String reply) implements HookOutcome<E> {

        /**
         * Returns whether the claim carries a reply.
         *
         * @return {@code true} if {@link #reply()} is not {@code null}
         */
        public boolean hasReply() {
            return reply != null;
        }
    }

    private static void requireReason(String reason, String outcome) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a " + outcome + " outcome needs a reason, but it was blank");
        }
    }
}
