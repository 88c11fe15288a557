package dev.pincer.api.hook;

import dev.pincer.api.tool.ToolCall;
import java.util.Map;
import java.util.Objects;

/**
 * Carries a tool call about to run, which gates may block or whose arguments they may change.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value.
 *
 * @param call the call, not {@code null}
 * @param destructive whether the called tool is marked destructive in its {@link
 *     dev.pincer.api.tool.ToolSpec}
 * @since 0.1.0
 */
public record ToolCallEvent(ToolCall call, boolean destructive) {

    public ToolCallEvent {
        Objects.requireNonNull(call, "call");
    }

    /**
     * Returns a copy of this event whose call has other arguments.
     *
     * @param newArguments the new arguments, JSON-like values as in {@link ToolCall}
     * @return the copy
     */
    public ToolCallEvent withArguments(Map<String, Object> newArguments) {
        return new ToolCallEvent(call.withArguments(newArguments), destructive);
    }
}
