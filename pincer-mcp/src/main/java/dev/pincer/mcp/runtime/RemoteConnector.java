package dev.pincer.mcp.runtime;

import dev.pincer.api.Health;
import dev.pincer.api.PluginException;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * Connects to a remote MCP server over Streamable HTTP. Pincer does not supervise a remote server;
 * a request that fails is reported as the call's error. Thread-safe.
 */
final class RemoteConnector implements Connector {

    private final String pluginId;
    private final URI url;
    private final McpSettings settings;
    private final McpJsonMapper json;
    private final Function<McpClientTransport, McpSyncClient> clients;
    private volatile McpSyncClient client;
    private volatile boolean stopped;

    RemoteConnector(
            String pluginId,
            URI url,
            McpSettings settings,
            McpJsonMapper json,
            Function<McpClientTransport, McpSyncClient> clients) {
        this.pluginId = pluginId;
        this.url = url;
        this.settings = settings;
        this.json = json;
        this.clients = clients;
    }

    @Override
    public McpSyncClient start() {
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String endpoint = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            endpoint += "?" + url.getRawQuery();
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .jsonMapper(json)
                .connectTimeout(settings.initializeTimeout())
                .build();
        McpSyncClient connected = clients.apply(transport);
        try {
            connected.initialize();
        } catch (RuntimeException e) {
            connected.close();
            throw new PluginException(
                    "mcp.connect",
                    "plugin '" + pluginId + "' could not complete the MCP handshake with " + url + ": " + describe(e)
                            + "; check that the server is up and speaks Streamable HTTP at that URL");
        }
        client = connected;
        return connected;
    }

    @Override
    public McpSyncClient await(Duration limit) {
        McpSyncClient connected = client;
        if (connected == null || stopped) {
            throw new PluginException("mcp.stopped", "plugin '" + pluginId + "' is not connected to " + url);
        }
        return connected;
    }

    @Override
    public Health health() {
        return client != null && !stopped ? Health.healthy() : Health.down("not connected to " + url);
    }

    @Override
    public void stop() {
        stopped = true;
        McpSyncClient connected = client;
        if (connected != null) {
            connected.closeGracefully();
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
