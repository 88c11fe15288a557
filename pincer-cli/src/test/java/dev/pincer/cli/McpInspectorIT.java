package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The MCP Inspector CLI, as a real client, lists and calls the example plugin's tool through
 * {@code pincer mcp} (stdio) and {@code pincer gateway} (Streamable HTTP).
 */
class McpInspectorIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Path home;
    private Path workspace;
    private Path inspector;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        workspace = Files.createDirectories(dir.resolve("workspace"));
        TestHost.write(home.resolve("config.toml"), "[plugins]\npaths = [\"" + EXAMPLE + "\"]\n");
        // inspector-cli 1.0.3 finds its package.json relative to the working directory, so it runs in build/.
        inspector = McpPeers.peer("@modelcontextprotocol/inspector-cli").resolve("build");
    }

    @Test
    void listsAndCallsToolsOverStdio() throws Exception {
        List<String> server = McpPeers.pincer("--home", home.toString(), "--workspace", workspace.toString(), "mcp");

        JsonNode list = inspect(server, "--method", "tools/list");
        JsonNode call = inspect(server, "--method", "tools/call", "--tool-name", "greet", "--tool-arg", "name=Ada");

        assertGreetListed(list);
        assertThat(call.get("content").get(0).get("text").asString()).isEqualTo("Hello, Ada!");
        assertThat(call.get("isError").asBoolean()).isFalse();
    }

    @Test
    void listsAndCallsToolsOverHttp() throws Exception {
        JsonNode list;
        JsonNode call;
        JsonNode refused;
        try (McpPeers.Gateway gateway = McpPeers.Gateway.start(home, workspace)) {
            List<String> server = List.of(gateway.url(), "--transport", "http");
            list = inspect(server, "--method", "tools/list");
            call = inspect(server, "--method", "tools/call", "--tool-name", "greet", "--tool-arg", "name=  Bo ");
            refused = inspect(server, "--method", "tools/call", "--tool-name", "greet", "--tool-arg", "name=7");
        }

        assertGreetListed(list);
        assertThat(call.get("content").get(0).get("text").asString())
                .as("the plugin's hook tidies the name on the way in")
                .isEqualTo("Hello, Bo!");
        assertThat(refused.get("isError").asBoolean()).isTrue();
        assertThat(refused.get("content").get(0).get("text").asString())
                .contains("arguments of 'greet' do not match its input schema: /name");
    }

    @Test
    void aHostedMcpServersToolIsCalledThroughPincersOwnEndpoint() throws Exception {
        Path everything =
                McpPeers.peer("@modelcontextprotocol/server-everything").resolve("dist/index.js");
        Path plugin = Files.createDirectories(dir.resolve("proxied/everything"));
        Files.writeString(
                plugin.resolve("pincer-plugin.json"),
                "{\"id\": \"everything\", \"version\": \"0.1.0\", \"runtime\": {\"type\": \"mcp\", \"command\":"
                        + " \"node\", \"args\": [\"" + everything + "\", \"stdio\"], \"namespace\": \"ev\"}}");
        TestHost.write(
                home.resolve("config.toml"),
                "[plugins]\npaths = [\"" + EXAMPLE + "\", \"" + plugin.getParent() + "\"]\n");
        JsonNode call;
        try (McpPeers.Gateway gateway = McpPeers.Gateway.start(home, workspace)) {
            call = inspect(
                    List.of(gateway.url(), "--transport", "http"),
                    "--method",
                    "tools/call",
                    "--tool-name",
                    "ev_echo",
                    "--tool-arg",
                    "message=through the proxy chain");
        }

        assertThat(call.get("isError").asBoolean()).as(call.toString()).isFalse();
        assertThat(call.get("content").get(0).get("text").asString())
                .as("client -> Pincer's gateway -> server-everything as an mcp plugin")
                .contains("through the proxy chain");
    }

    private static void assertGreetListed(JsonNode list) {
        JsonNode greet = null;
        for (JsonNode tool : list.get("tools")) {
            if (tool.get("name").asString().equals("greet")) {
                greet = tool;
            }
        }
        assertThat(greet).as(list.toString()).isNotNull();
        assertThat(greet.get("description").asString()).isEqualTo("Greets someone by name.");
        assertThat(greet.get("inputSchema").get("required").get(0).asString()).isEqualTo("name");
    }

    private JsonNode inspect(List<String> target, String... method) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "index.js"));
        command.addAll(target);
        command.addAll(List.of(method));
        McpPeers.Result result = McpPeers.run(inspector, TIMEOUT, command);
        assertThat(result.status()).as(result.toString()).isZero();
        return TestHost.JSON.readTree(result.out());
    }
}
