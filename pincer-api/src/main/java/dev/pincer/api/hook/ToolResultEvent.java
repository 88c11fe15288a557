package dev.pincer.api.hook;

import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import java.time.Duration;
import java.util.Objects;

/**
 * Reports a tool call that finished, with its result.
 *
 * <p>A call that a gate blocked or whose handler threw is reported with an error result.
 * Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param call the call as it ran, after any gate changed its arguments; not {@code null}
 * @param result what the call returned, not {@code null}
 * @param duration how long the call took, not negative
 * @since 0.1.0
 */
public record ToolResultEvent(ToolCall call, ToolResult result, Duration duration) {

    public ToolResultEvent {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, but was " + duration);
        }
    }
}
