package dev.pincer.cli;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the ITs of a running {@code pincer gateway} share: an MCP client of its endpoint, the
 * example plugin's {@code greet} call, and waits for what hot reload changes.
 */
final class GatewayClient {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private GatewayClient() {}

    /** Returns a client of the gateway's MCP endpoint {@code url}; the caller initialises it. */
    static McpSyncClient client(String url) {
        URI endpoint = URI.create(url);
        return McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                endpoint.resolve("/").toString())
                        .endpoint(endpoint.getPath())
                        .build())
                .requestTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** Returns the names of the tools the gateway lists now. */
    static List<String> tools(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    /** Calls the example plugin's {@code greet} for Ada and returns its text; an error result throws. */
    @SuppressWarnings("deprecation")
    static String greet(McpSyncClient client) {
        McpSchema.CallToolResult result =
                client.callTool(new McpSchema.CallToolRequest("greet", Map.of("name", "Ada")));
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(text);
        }
        return text;
    }

    /** Waits up to 30 s for the tool list to meet {@code condition}, named {@code what} in the failure. */
    static void awaitTools(McpSyncClient client, Predicate<List<String>> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> last = List.of();
        while (System.nanoTime() < deadline) {
            last = tools(client);
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 30 s for " + what + "; tools: " + last);
    }

    /** Waits up to 30 s for {@code greet} to answer {@code expected}; a failing call is tried again. */
    static void awaitGreeting(McpSyncClient client, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = greet(client);
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the answer did not become '" + expected + "' within 30 s; last: " + last);
    }

    /** Copies the folder {@code from} to {@code to}, e.g. the example plugin into a home. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
