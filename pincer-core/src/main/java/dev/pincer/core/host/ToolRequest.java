package dev.pincer.core.host;

import dev.pincer.api.tool.Caller;
import java.util.Map;
import java.util.Objects;

/**
 * One request to call a tool, as a surface (the CLI, MCP, an agent turn) hands it to the {@link
 * ToolInvoker}.
 *
 * <p>Immutable.
 *
 * @param toolName the tool
 * @param arguments JSON-like values: maps, lists, strings, numbers, booleans, {@code null}
 * @param sessionId the session the call belongs to, or {@code null}
 * @param actor who asks, for policy and the audit log: {@code cli}, {@code mcp},
 *     {@code agent:<session>}
 * @param confirmed whether a person approved this very call, which lets through calls policy holds
 *     for approval (never calls it denies)
 * @param caller who asked, for the tool to report progress to or ask for input; {@link Caller#NONE}
 *     when it can take nothing back
 * @since 0.1.0
 */
public record ToolRequest(
        String toolName,
        Map<String, Object> arguments,
        String sessionId,
        String actor,
        boolean confirmed,
        Caller caller) {

    public ToolRequest {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(caller, "caller");
    }

    /** Creates a request from a caller that can take nothing back. */
    public ToolRequest(
            String toolName, Map<String, Object> arguments, String sessionId, String actor, boolean confirmed) {
        this(toolName, arguments, sessionId, actor, confirmed, Caller.NONE);
    }

    /** Returns an unconfirmed request from {@code actor} outside any session. */
    public static ToolRequest of(String toolName, Map<String, Object> arguments, String actor) {
        return new ToolRequest(toolName, arguments, null, actor, false);
    }

    /** Returns this request marked as approved by a person. */
    public ToolRequest confirm() {
        return new ToolRequest(toolName, arguments, sessionId, actor, true, caller);
    }
}
