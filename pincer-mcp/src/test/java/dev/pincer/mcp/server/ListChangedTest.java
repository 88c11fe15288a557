package dev.pincer.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.testkit.PluginHarness;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client connected over Streamable HTTP hears {@code notifications/tools/list_changed} when a
 * plugin is disabled while the server runs, and the list it then fetches no longer holds that
 * plugin's tools.
 */
class ListChangedTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));

    @Test
    void disablingAPluginTellsConnectedClientsItsToolsAreGone() throws Exception {
        LinkedBlockingQueue<List<String>> announced = new LinkedBlockingQueue<>();
        try (PluginHarness pincer = PluginHarness.start("", EXAMPLE);
                McpBridge bridge =
                        new McpBridge(pincer.host(), "0.1.0", McpJsonDefaults.getMapper(), Duration.ofSeconds(10));
                McpHttpServer server =
                        McpHttpServer.start(bridge, McpJsonDefaults.getMapper(), McpHttpServer.Settings.loopback(0))) {
            McpSyncClient client = McpClient.sync(
                            HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                                    .endpoint(McpHttpServer.PATH)
                                    .build())
                    .requestTimeout(Duration.ofSeconds(10))
                    .toolsChangeConsumer(tools -> announced.add(
                            tools.stream().map(McpSchema.Tool::name).toList()))
                    .build();
            try {
                client.initialize();
                assertThat(client.listTools().tools())
                        .extracting(McpSchema.Tool::name)
                        .containsExactlyInAnyOrder("greet", "reset");

                pincer.host().deactivate("hello");

                List<String> after = announced.poll(10, TimeUnit.SECONDS);
                assertThat(after)
                        .as("a tools/list_changed notification within 10 s of disabling the plugin")
                        .isNotNull()
                        .doesNotContain("greet", "reset");
                assertThat(client.listTools().tools()).isEmpty();
            } finally {
                client.closeGracefully();
            }
        }
    }
}
