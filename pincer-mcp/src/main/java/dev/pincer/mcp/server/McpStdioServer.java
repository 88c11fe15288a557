package dev.pincer.mcp.server;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Serves an {@link McpBridge} over standard input and output, one client per process, as desktop
 * agents start MCP servers.
 *
 * <p>Nothing but protocol may reach {@code out}; callers send logs to standard error.
 *
 * @since 0.1.0
 */
public final class McpStdioServer {

    private McpStdioServer() {}

    /**
     * Serves until {@code in} ends (the client closed it or exited).
     *
     * @param in where requests arrive
     * @param out where replies go
     * @throws InterruptedException if the thread is interrupted while serving
     */
    public static void serve(McpBridge bridge, McpJsonMapper json, InputStream in, OutputStream out)
            throws InterruptedException {
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json, in, out);
        CountDownLatch closed = new CountDownLatch(1);
        transport.setSessionFactory(bridge.stdioSessions(transport, closed::countDown));
        try {
            closed.await();
        } finally {
            transport.closeGracefully().onErrorComplete().block(Duration.ofSeconds(2));
        }
    }
}
