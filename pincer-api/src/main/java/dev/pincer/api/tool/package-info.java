/**
 * Tools: functions an agent can call, shaped after the Model Context Protocol.
 *
 * <p>A plugin registers a {@link dev.pincer.api.tool.ToolSpec} with a {@link
 * dev.pincer.api.tool.ToolHandler}; Pincer passes each {@link dev.pincer.api.tool.ToolCall} through
 * policy and hooks, then to the handler, and returns its {@link dev.pincer.api.tool.ToolResult} to
 * the agent. Pincer serves the same tools over MCP.
 *
 * @since 0.1.0
 */
package dev.pincer.api.tool;
