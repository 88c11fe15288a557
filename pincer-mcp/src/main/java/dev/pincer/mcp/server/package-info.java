/**
 * Serves what plugins registered (tools, resources, resource templates, prompts) to MCP clients,
 * over stdio ({@code pincer mcp}) and Streamable HTTP ({@code pincer gateway}). Every call goes
 * through the host's single invocation path.
 *
 * @since 0.1.0
 */
package dev.pincer.mcp.server;
