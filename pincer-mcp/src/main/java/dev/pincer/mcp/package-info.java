/**
 * MCP both ways: {@code dev.pincer.mcp.server} serves the registry's tools, resources and prompts
 * to MCP clients over stdio and Streamable HTTP; {@code dev.pincer.mcp.runtime} hosts any MCP
 * server as a supervised plugin.
 *
 * @since 0.1.0
 */
package dev.pincer.mcp;
