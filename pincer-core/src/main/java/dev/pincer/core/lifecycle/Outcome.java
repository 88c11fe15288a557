package dev.pincer.core.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * Says how a guarded call into plugin code ended: with a value, with a failure, or by timing out.
 *
 * <p>Immutable.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
public sealed interface Outcome<T> {

    /** Returns whether the call returned normally. */
    default boolean ok() {
        return this instanceof Ok<T>;
    }

    /**
     * Returns the sentence for a person that says how the call ended: why it failed or timed
     * out, or {@code "completed"}.
     */
    default String message() {
        return "completed";
    }

    /**
     * The call returned.
     *
     * @param value what it returned; may be {@code null}
     */
    record Ok<T>(T value) implements Outcome<T> {}

    /**
     * The call threw.
     *
     * @param error what it threw
     * @param message a sentence naming the plugin, the phase and the error, for a person
     */
    record Failed<T>(Throwable error, String message) implements Outcome<T> {
        public Failed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The call did not finish in time; its thread was interrupted and abandoned.
     *
     * @param after the limit that was exceeded
     * @param message a sentence naming the plugin, the phase and the limit, for a person
     */
    record TimedOut<T>(Duration after, String message) implements Outcome<T> {
        public TimedOut {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(message, "message");
        }
    }
}
