package dev.pincer.mcp.runtime;

import dev.pincer.api.Health;
import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;

/**
 * Keeps one initialized MCP client connected to a plugin's server, for as long as the plugin is
 * active. Implementations are thread-safe.
 */
interface Connector {

    /**
     * Connects and completes the MCP handshake.
     *
     * @return the initialized client
     * @throws dev.pincer.api.PluginException if the server cannot be reached or started; the message
     *     names the server and says why
     */
    McpSyncClient start();

    /**
     * Returns the connected client, waiting up to {@code limit} while the server is being restarted.
     *
     * @throws dev.pincer.api.PluginException if the server has failed for good, is stopped, or is not
     *     back within {@code limit}
     * @throws InterruptedException if interrupted while waiting
     */
    McpSyncClient await(Duration limit) throws InterruptedException;

    /** Returns whether the server is connected, being restarted, or failed. */
    Health health();

    /** Disconnects and stops the server; calling it again does nothing. */
    void stop();
}
