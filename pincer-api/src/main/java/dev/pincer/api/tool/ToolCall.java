package dev.pincer.api.tool;

import java.util.Map;
import java.util.Objects;

/**
 * Carries one call of a tool: which tool, with which arguments, in which session.
 *
 * <p>Immutable and thread-safe: the arguments are copied deeply on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param toolName the name of the called tool, valid as in {@link ToolSpec}
 * @param arguments the arguments as JSON-like values: {@code Map<String, Object>}, {@code
 *     List<Object>}, {@code String}, {@code Number}, {@code Boolean} or {@code null}
 * @param callId the id that ties the call to its result, not blank
 * @param sessionId the agent session making the call, or {@code null} outside a session
 * @param caller who made the call, to report progress to or ask for input; {@link Caller#NONE}
 *     when the caller can take nothing back
 * @since 0.1.0
 */
public record ToolCall(String toolName, Map<String, Object> arguments, String callId, String sessionId, Caller caller) {

    public ToolCall {
        ToolSpec.requireValidName(toolName);
        arguments = JsonValues.copyObject(Objects.requireNonNull(arguments, "arguments"), "arguments");
        Objects.requireNonNull(callId, "callId");
        if (callId.isBlank()) {
            throw new IllegalArgumentException("callId of a call to \"" + toolName + "\" must not be blank");
        }
        Objects.requireNonNull(caller, "caller");
    }

    /**
     * Creates a call from a caller that can take nothing back ({@link Caller#NONE}).
     *
     * @param toolName the name of the called tool
     * @param arguments the arguments as JSON-like values
     * @param callId the id that ties the call to its result
     * @param sessionId the agent session making the call, or {@code null}
     */
    public ToolCall(String toolName, Map<String, Object> arguments, String callId, String sessionId) {
        this(toolName, arguments, callId, sessionId, Caller.NONE);
    }

    /**
     * Returns a copy of this call with other arguments.
     *
     * @param newArguments the new arguments, JSON-like values
     * @return the copy
     */
    public ToolCall withArguments(Map<String, Object> newArguments) {
        return new ToolCall(toolName, newArguments, callId, sessionId, caller);
    }
}
