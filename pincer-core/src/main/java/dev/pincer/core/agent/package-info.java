/**
 * The agent side of the gateway: messages from channels through pipeline stages and hooks to a
 * slash command or an agent turn with a model provider and tool calls, and the reply back out.
 *
 * <p>{@link dev.pincer.core.agent.Gateway} is the entry point. It is the last layer: it reads what
 * plugins registered in the {@link dev.pincer.core.host.PluginHost}'s registry (channels, stages,
 * providers, hooks, tools) and calls them only through the host's guard.
 *
 * @since 0.1.0
 */
package dev.pincer.core.agent;
