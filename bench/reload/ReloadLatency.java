import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures file-write-to-new-generation-serving latency against a running {@code pincer gateway}
 * whose home holds the jvm-hello example: each round writes a new greeting into config.toml and
 * times how long until the greet tool answers with it, polling over MCP every 2 ms.
 *
 * <p>Usage: {@code java -cp <pincer-cli classpath> ReloadLatency.java <mcp-url> <config.toml> <rounds> [header]}; {@code header} is kept at the top
 * of config.toml in every write
 */
public class ReloadLatency {

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path config = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String header = args.length > 3 && !args[3].isEmpty() ? args[3] + "\n" : "";
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                endpoint.resolve("/").toString())
                        .endpoint(endpoint.getPath())
                        .build())
                .requestTimeout(Duration.ofSeconds(20))
                .build();
        client.initialize();
        List<Double> millis = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String greeting = "Round" + round;
            long start = System.nanoTime();
            Files.writeString(config, header + "[plugins.entries.hello.config]\ngreeting = \"" + greeting + "\"\n");
            while (!greet(client).startsWith(greeting)) {
                if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("round " + round + ": no new generation within 30 s");
                }
                Thread.sleep(2);
            }
            millis.add((System.nanoTime() - start) / 1e6);
            // Let the watcher go quiet, so that every round starts a fresh burst.
            Thread.sleep(400);
        }
        client.closeGracefully();
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(
                "rounds %d  p50 %.0f ms  p90 %.0f ms  min %.0f ms  max %.0f ms%n",
                rounds,
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    @SuppressWarnings("deprecation")
    private static String greet(McpSyncClient client) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("greet", Map.of("name", "Ada")));
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
