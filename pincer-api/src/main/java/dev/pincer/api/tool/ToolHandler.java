package dev.pincer.api.tool;

/**
 * Answers calls to one tool.
 *
 * <p>Pincer calls handlers concurrently, so implementations must be thread-safe. Calls go through
 * the host's guard: a thrown {@link dev.pincer.api.PluginException} reaches the agent with its
 * message, any other exception as an internal error of the plugin. Report a failure the agent
 * should see and can correct with {@link ToolResult#error(String)} instead of throwing.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ToolHandler {

    /**
     * Runs the tool and returns its result.
     *
     * @param call the call, with arguments already validated against the tool's input schema
     * @return the result, never {@code null}
     * @throws Exception if the tool fails unexpectedly
     */
    ToolResult call(ToolCall call) throws Exception;
}
