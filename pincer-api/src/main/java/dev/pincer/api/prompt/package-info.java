/**
 * Prompts: message templates a plugin offers people to start a conversation with, shaped after
 * MCP.
 *
 * <p>A plugin registers a {@link dev.pincer.api.prompt.PromptSpec} with a {@link
 * dev.pincer.api.prompt.PromptHandler}; Pincer serves it over MCP.
 *
 * @since 0.1.0
 */
package dev.pincer.api.prompt;
