/**
 * The {@code mcp} runtime: hosts any MCP server as a Pincer plugin. A stdio server runs as a
 * supervised child process with a cleared environment and a working folder of its own; a remote
 * Streamable HTTP server is reached only under the plugin's network grant. The server's tools are
 * imported into the registry under the plugin's namespace and called through the host's single
 * invocation path.
 */
package dev.pincer.mcp.runtime;
