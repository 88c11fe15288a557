package dev.pincer.core.hooks;

import java.util.Objects;
import java.util.Optional;

/**
 * Says how firing a hook point ended: the event the gateway goes on with, whether the action may
 * proceed, and if not, which plugin stopped it and why.
 *
 * <p>Immutable and thread-safe. The constructor throws {@link NullPointerException} for a missing
 * required value and {@link IllegalArgumentException} for a combination the status does not allow.
 *
 * @param <E> the hook point's event type
 * @param event the event after every handler that ran, including replacements; not {@code null}
 * @param status how the chain ended, not {@code null}
 * @param reason why the action was blocked, cancelled or claimed without reply; {@code null} when
 *     it proceeded
 * @param pluginId the plugin that blocked, cancelled or claimed; {@code null} when it proceeded
 * @param reply the claiming plugin's answer; only for {@link Status#CLAIMED}, and then optional
 * @since 0.1.0
 */
public record HookResult<E>(E event, Status status, String reason, String pluginId, String reply) {

    /**
     * Names how a chain of hook handlers ended.
     *
     * @since 0.1.0
     */
    public enum Status {
        /** Every handler let the action go on, possibly with a replaced event. */
        PROCEEDED,
        /** A gate refused the action, or failed and so refused it. */
        BLOCKED,
        /** A modify handler dropped the action. */
        CANCELLED,
        /** A claim handler took the event over; Pincer does not handle it itself. */
        CLAIMED
    }

    public HookResult {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        if (status == Status.PROCEEDED && (reason != null || pluginId != null)) {
            throw new IllegalArgumentException("a proceeded result has no reason or plugin, but got reason "
                    + quote(reason) + " and plugin " + quote(pluginId));
        }
        if (status != Status.PROCEEDED) {
            Objects.requireNonNull(pluginId, "pluginId");
        }
        if ((status == Status.BLOCKED || status == Status.CANCELLED) && reason == null) {
            throw new IllegalArgumentException("a " + status + " result needs a reason");
        }
        if (status != Status.CLAIMED && reply != null) {
            throw new IllegalArgumentException(
                    "only a claimed result has a reply, but a " + status + " result got reply " + quote(reply));
        }
    }

    /**
     * Returns a result that lets the action go on with {@code event}.
     *
     * @param <E> the event type
     * @param event the event to go on with
     * @return the result
     */
    public static <E> HookResult<E> proceeded(E event) {
        return new HookResult<>(event, Status.PROCEEDED, null, null, null);
    }

    /**
     * Returns a result that refuses the action.
     *
     * @param <E> the event type
     * @param event the event as it was when the chain stopped
     * @param reason why, for whoever asked for the action
     * @param pluginId the plugin whose gate refused it
     * @return the result
     */
    public static <E> HookResult<E> blocked(E event, String reason, String pluginId) {
        return new HookResult<>(event, Status.BLOCKED, reason, pluginId, null);
    }

    /**
     * Returns a result that drops the action.
     *
     * @param <E> the event type
     * @param event the event as it was when the chain stopped
     * @param reason why, for the logs
     * @param pluginId the plugin whose handler dropped it
     * @return the result
     */
    public static <E> HookResult<E> cancelled(E event, String reason, String pluginId) {
        return new HookResult<>(event, Status.CANCELLED, reason, pluginId, null);
    }

    /**
     * Returns a result that hands the event over to a plugin.
     *
     * @param <E> the event type
     * @param event the event as it was claimed
     * @param pluginId the claiming plugin
     * @param reply its answer, or {@code null} when it answers by other means or not at all
     * @param reason why, when the claim came from a block or cancel; otherwise {@code null}
     * @return the result
     */
    public static <E> HookResult<E> claimed(E event, String pluginId, String reply, String reason) {
        return new HookResult<>(event, Status.CLAIMED, reason, pluginId, reply);
    }

    /**
     * Returns whether the gateway goes on with the action as usual.
     *
     * @return {@code true} if the status is {@link Status#PROCEEDED}
     */
    public boolean proceeds() {
        return status == Status.PROCEEDED;
    }

    /**
     * Returns the claiming plugin's answer, if there is one.
     *
     * @return the reply, or empty
     */
    public Optional<String> replyIfAny() {
        return Optional.ofNullable(reply);
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
