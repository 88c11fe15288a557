package dev.pincer.core.host;

import dev.pincer.api.tool.ToolResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Reports how one tool call through the invocation path ended.
 *
 * <p>Immutable.
 *
 * @param status how it ended
 * @param result the tool's result when it answered ({@code status} {@link Status#COMPLETED}), else
 *     {@code null}
 * @param message for a person: why the call did not complete, or {@code null} when it did
 * @param pluginId the plugin that owns the tool (or blocked the call), or {@code null} when unknown
 * @param duration time spent in the call, hooks included
 * @since 0.1.0
 */
public record Invocation(Status status, ToolResult result, String message, String pluginId, Duration duration) {

    public Invocation {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        if ((status == Status.COMPLETED) != (result != null)) {
            throw new IllegalArgumentException("a result comes with COMPLETED and only then, got " + status);
        }
        if (status != Status.COMPLETED) {
            Objects.requireNonNull(message, "a call that did not complete needs a message");
        }
    }

    /** Ways a call can end. */
    public enum Status {
        /** The tool answered (its result may itself be an error result). */
        COMPLETED,
        /** No tool has that name. */
        UNKNOWN_TOOL,
        /** The arguments do not match the tool's input schema. */
        INVALID_ARGUMENTS,
        /** Policy denied the call. */
        DENIED,
        /** Policy holds the call until a person approves it; the message says why. */
        REQUIRES_APPROVAL,
        /** A {@code before_tool_call} hook blocked the call. */
        BLOCKED,
        /** The plugin already had its limit of calls in flight. */
        BUSY,
        /** The plugin threw, or could not be activated. */
        FAILED,
        /** The plugin did not answer in time. */
        TIMED_OUT;

        /** Returns the word used in output, e.g. {@code "invalid-arguments"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Returns whether the tool answered without an error result. */
    public boolean succeeded() {
        return status == Status.COMPLETED && !result.isError();
    }
}
