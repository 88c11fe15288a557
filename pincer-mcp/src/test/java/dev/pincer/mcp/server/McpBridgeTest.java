package dev.pincer.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.prompt.PromptHandler;
import dev.pincer.api.prompt.PromptMessage;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ElicitReply;
import dev.pincer.api.tool.SampleRequest;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.diagnostics.PincerException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("deprecation") // the SDK deprecates its short request constructors in favour of builders
class McpBridgeTest {

    private static final String PROVIDES = "{\"tools\":[{\"name\":\"echo\"},{\"name\":\"shaped\"},{\"name\":\"steps\"},"
            + "{\"name\":\"ask\"},{\"name\":\"form\"},{\"name\":\"secret\"},{\"name\":\"picture\"}],"
            + "\"hooks\":[\"before_tool_call\"],"
            + "\"resources\":[\"notes://today\",\"notes://logo\",\"notes://day/{date}\"],\"prompts\":[\"greet\"]}";
    private static final String SHAPED_SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\",\"$defs\":{\"city\":{\"type\":\"string\"}},"
            + "\"properties\":{\"home\":{\"$ref\":\"#/$defs/city\"}},\"additionalProperties\":false}";
    private static final String PNG = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    @TempDir
    Path dir;

    private BridgeHost running;
    private McpSyncClient client;
    private final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void toolsAreListedWithTheirSchemasAsWrittenAndCalledThroughTheInvocationPath() {
        connect();

        McpSchema.ListToolsResult tools = client.listTools();
        McpSchema.CallToolResult echoed = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", "hi")));

        assertThat(tools.tools()).extracting(McpSchema.Tool::name).contains("echo", "shaped", "steps");
        McpSchema.Tool shaped = tools.tools().stream()
                .filter(t -> t.name().equals("shaped"))
                .findFirst()
                .orElseThrow();
        assertThat(shaped.inputSchema())
                .containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema")
                .containsEntry("additionalProperties", false)
                .containsKey("$defs");
        assertThat(text(echoed)).isEqualTo("echo: hi");
        assertThat(echoed.isError()).isFalse();
        assertThat(running.audited(AuditEvent.Kind.TOOL)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("mcp");
            assertThat(e.action()).isEqualTo("echo");
            assertThat(e.outcome()).isEqualTo("completed");
        });
    }

    @Test
    void aCallTheInvocationPathRefusesIsAnErrorResultThatSaysWhy() {
        connect();

        McpSchema.CallToolResult blocked = client.callTool(new McpSchema.CallToolRequest("secret", Map.of()));
        McpSchema.CallToolResult invalid = client.callTool(new McpSchema.CallToolRequest("shaped", Map.of("home", 7)));

        assertThat(blocked.isError()).isTrue();
        assertThat(text(blocked))
                .isEqualTo("call to 'secret' was blocked by plugin 'kit': secrets stay secret over MCP");
        assertThat(invalid.isError()).isTrue();
        assertThat(text(invalid)).startsWith("arguments of 'shaped' do not match its input schema");
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("ech", Map.of())))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("no tool named 'ech'; did you mean 'echo'?");
    }

    @Test
    void aToolReportsProgressAndLogsToTheClientAtTheLevelItSet() {
        connect();
        client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);

        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("steps")
                .arguments(Map.of())
                .progressToken("p-1")
                .build());

        assertThat(text(result)).isEqualTo("3 steps done");
        assertThat(progress)
                .extracting(McpSchema.ProgressNotification::progress)
                .containsExactly(1.0, 2.0, 3.0);
        assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("p-1"));
        assertThat(logs).extracting(McpSchema.LoggingMessageNotification::data).contains("step 1", "debug detail");
    }

    @Test
    void logLinesBelowTheClientsLevelAreNotSent() throws InterruptedException {
        connect();
        client.setLoggingLevel(McpSchema.LoggingLevel.WARNING);

        client.callTool(new McpSchema.CallToolRequest("steps", Map.of()));

        // Notifications travel on their own; the result may arrive before the last one.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (logs.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(logs).extracting(McpSchema.LoggingMessageNotification::data).containsExactly("step 3 was slow");
        assertThat(progress).as("no progress token, no progress").isEmpty();
    }

    @Test
    void aToolAsksTheClientsModelAndThePersonBehindIt() {
        connect();

        McpSchema.CallToolResult form = client.callTool(new McpSchema.CallToolRequest("form", Map.of()));
        McpSchema.CallToolResult asked = client.callTool(new McpSchema.CallToolRequest("ask", Map.of("q", "2+2?")));

        assertThat(text(form)).isEqualTo("ACCEPT {name=Ada}");
        assertThat(text(asked)).isEqualTo("model test-model said: you asked '2+2?'");
    }

    @Test
    void aClientWithoutSamplingGetsAnErrorResultNamingTheMissingCapability() {
        running = new BridgeHost(dir).plugin("kit", PROVIDES, new Kit()).start();
        client = McpClient.sync(transport(running)).build();
        client.initialize();

        McpSchema.CallToolResult asked = client.callTool(new McpSchema.CallToolRequest("ask", Map.of("q", "x")));

        assertThat(asked.isError()).isTrue();
        assertThat(text(asked)).contains("did not declare the sampling capability");
    }

    @Test
    void contentOfEveryKindReachesTheClient() {
        connect();

        McpSchema.CallToolResult picture = client.callTool(new McpSchema.CallToolRequest("picture", Map.of()));

        assertThat(picture.content()).hasSize(3);
        assertThat(picture.content().get(0)).isInstanceOfSatisfying(McpSchema.ImageContent.class, i -> {
            assertThat(i.data()).isEqualTo(PNG);
            assertThat(i.mimeType()).isEqualTo("image/png");
        });
        assertThat(picture.content().get(1))
                .isInstanceOfSatisfying(McpSchema.EmbeddedResource.class, r -> assertThat(r.resource())
                        .isInstanceOfSatisfying(McpSchema.TextResourceContents.class, t -> assertThat(t.text())
                                .isEqualTo("caption")));
        assertThat(picture.structuredContent()).isEqualTo(Map.of("width", 1));
    }

    @Test
    void resourcesAndTemplatesAreListedAndRead() {
        connect();

        assertThat(client.listResources().resources())
                .extracting(McpSchema.Resource::uri)
                .containsExactly("notes://logo", "notes://today");
        assertThat(client.listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactly("notes://day/{date}");
        assertThat(client.readResource(new McpSchema.ReadResourceRequest("notes://today"))
                        .contents())
                .singleElement()
                .isInstanceOfSatisfying(McpSchema.TextResourceContents.class, t -> {
                    assertThat(t.text()).isEqualTo("buy milk");
                    assertThat(t.mimeType()).isEqualTo("text/plain");
                });
        assertThat(client.readResource(new McpSchema.ReadResourceRequest("notes://logo"))
                        .contents())
                .singleElement()
                .isInstanceOfSatisfying(McpSchema.BlobResourceContents.class, b -> assertThat(b.blob())
                        .isEqualTo(PNG));
        assertThat(client.readResource(new McpSchema.ReadResourceRequest("notes://day/2026-11-22"))
                        .contents())
                .singleElement()
                .isInstanceOfSatisfying(McpSchema.TextResourceContents.class, t -> assertThat(t.text())
                        .isEqualTo("notes of 2026-11-22"));
        assertThat(running.audited(AuditEvent.Kind.RESOURCE))
                .extracting(AuditEvent::action)
                .contains("notes://today");
        assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("notes://todya")))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("no resource has the URI 'notes://todya'; did you mean 'notes://today'?");
        assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("notes://day/a/b")))
                .as("a template variable never spans a '/'")
                .isInstanceOf(McpError.class);
    }

    @Test
    void promptsAreRenderedWithTheirArgumentsAndCompleted() {
        connect();

        McpSchema.GetPromptResult greeting =
                client.getPrompt(new McpSchema.GetPromptRequest("greet", Map.of("name", "Ada")));
        McpSchema.CompleteResult completion = client.completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("greet"), new McpSchema.CompleteRequest.CompleteArgument("name", "A")));

        assertThat(client.listPrompts().prompts()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("greet");
            assertThat(p.arguments()).singleElement().satisfies(a -> assertThat(a.required())
                    .isTrue());
        });
        assertThat(greeting.messages()).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(McpSchema.Role.USER);
            assertThat(((McpSchema.TextContent) m.content()).text()).isEqualTo("Say hello to Ada.");
        });
        assertThat(completion.completion().values()).containsExactly("Ada", "Alan");
        assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("greet", Map.of())))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("prompt 'greet' needs the argument name");
    }

    @Test
    void aRequestNamingAnotherHostOrFromAForeignPageIsRefused() throws IOException {
        running = new BridgeHost(dir).plugin("kit", PROVIDES, new Kit()).start();
        int port = running.server.port();

        assertThat(post(port, "evil.example.com", null, null)).startsWith("HTTP/1.1 403");
        assertThat(post(port, "evil.example.com:" + port, null, null)).startsWith("HTTP/1.1 403");
        assertThat(post(port, "127.0.0.1:" + port, "http://evil.example.com", null))
                .startsWith("HTTP/1.1 403")
                .contains("allowed_origins");
        assertThat(post(port, "localhost:" + (port + 1), null, null))
                .as("the right name on another port")
                .startsWith("HTTP/1.1 403");
        assertThat(post(port, "localhost:" + port, "http://localhost:" + port, null))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void aTokenIsRequiredWhenSetAndForAnyNonLoopbackAddress() throws IOException {
        running = new BridgeHost(dir)
                .plugin("kit", PROVIDES, new Kit())
                .start(new McpHttpServer.Settings("127.0.0.1", 0, "s3cret", Set.of(), Set.of()));
        int port = running.server.port();

        assertThat(post(port, "127.0.0.1:" + port, null, null))
                .startsWith("HTTP/1.1 401")
                .contains("Authorization: Bearer");
        assertThat(post(port, "127.0.0.1:" + port, null, "Bearer s3cre")).startsWith("HTTP/1.1 401");
        assertThat(post(port, "127.0.0.1:" + port, null, "Bearer s3cret")).startsWith("HTTP/1.1 200");
        assertThatThrownBy(() -> McpHttpServer.start(
                        running.bridge,
                        io.modelcontextprotocol.json.McpJsonDefaults.getMapper(),
                        new McpHttpServer.Settings("0.0.0.0", 0, null, Set.of(), Set.of())))
                .isInstanceOf(PincerException.class)
                .hasMessageContaining("without a bearer token");
    }

    private void connect() {
        running = new BridgeHost(dir).plugin("kit", PROVIDES, new Kit()).start();
        client = McpClient.sync(transport(running))
                .requestTimeout(Duration.ofSeconds(20))
                .capabilities(McpSchema.ClientCapabilities.builder()
                        .sampling()
                        .elicitation()
                        .build())
                .sampling(request -> new McpSchema.CreateMessageResult(
                        McpSchema.Role.ASSISTANT,
                        new McpSchema.TextContent(
                                null,
                                "you asked '"
                                        + ((McpSchema.TextContent) request.messages()
                                                        .get(0)
                                                        .content())
                                                .text()
                                        + "'",
                                null),
                        "test-model",
                        McpSchema.CreateMessageResult.StopReason.END_TURN,
                        null))
                .elicitation(request ->
                        new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Ada"), null))
                .loggingConsumer(logs::add)
                .progressConsumer(progress::add)
                .build();
        client.initialize();
    }

    private static HttpClientStreamableHttpTransport transport(BridgeHost running) {
        return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + running.server.port())
                .endpoint(McpHttpServer.PATH)
                .build();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** Sends an initialize request by hand, with exactly these headers, and returns the raw reply. */
    private static String post(int port, String host, String origin, String authorization) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        StringBuilder request = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n");
        if (origin != null) {
            request.append("Origin: ").append(origin).append("\r\n");
        }
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        request.append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                .append("Content-Length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\nConnection: close\r\n\r\n")
                .append(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(2048);
            return new String(head, StandardCharsets.UTF_8);
        }
    }

    /** A plugin with one of everything the bridge serves. */
    private static final class Kit implements Plugin {

        @Override
        public void activate(PluginContext context) {
            context.registerTool(
                    ToolSpec.of("echo", "Echoes text.")
                            .withInputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}"),
                    call -> ToolResult.text("echo: " + call.arguments().get("text")));
            context.registerTool(
                    ToolSpec.of("shaped", "Takes a shaped object.").withInputSchema(SHAPED_SCHEMA),
                    call -> ToolResult.text("ok"));
            context.registerTool(ToolSpec.of("steps", "Works in three steps."), call -> {
                for (int i = 1; i <= 3; i++) {
                    call.caller().progress(i, 3.0, "step " + i);
                    call.caller().log(System.Logger.Level.INFO, "step " + i);
                }
                call.caller().log(System.Logger.Level.DEBUG, "debug detail");
                call.caller().log(System.Logger.Level.WARNING, "step 3 was slow");
                return ToolResult.text("3 steps done");
            });
            context.registerTool(ToolSpec.of("ask", "Asks the client's model."), call -> {
                var reply = call.caller()
                        .sample(SampleRequest.ofText(
                                String.valueOf(call.arguments().get("q")), 50));
                return ToolResult.text("model " + reply.model() + " said: " + ((Content.Text) reply.content()).text());
            });
            context.registerTool(ToolSpec.of("form", "Asks a person."), call -> {
                ElicitReply reply = call.caller()
                        .elicit(
                                "Who are you?",
                                Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"))));
                return ToolResult.text(reply.action() + " " + reply.content());
            });
            context.registerTool(ToolSpec.of("secret", "Never runs over MCP."), call -> ToolResult.text("leak"));
            context.registerTool(
                    ToolSpec.of("picture", "Returns an image, a resource and JSON."),
                    call -> ToolResult.of(
                            Content.image(PNG, "image/png"),
                            Content.resourceText("notes://caption", "text/plain", "caption"),
                            Content.json(Map.of("width", 1))));
            context.on(
                    HookPoint.BEFORE_TOOL_CALL,
                    event -> event.call().toolName().equals("secret")
                            ? HookOutcome.block("secrets stay secret over MCP")
                            : HookOutcome.proceed());
            context.registerResource(
                    new ResourceSpec("notes://today", "Today", "Today's notes", "text/plain"),
                    (uri, vars) -> List.of((Content.Resource) Content.resourceText(uri, "text/plain", "buy milk")));
            context.registerResource(
                    new ResourceSpec("notes://logo", "Logo", null, "image/png"),
                    (uri, vars) -> List.of((Content.Resource) Content.resourceBlob(uri, "image/png", PNG)));
            context.registerResource(
                    new ResourceSpec("notes://day/{date}", "A day's notes", null, "text/plain"),
                    (uri, vars) -> List.of((Content.Resource)
                            Content.resourceText(uri, "text/plain", "notes of " + vars.get("date"))));
            context.registerPrompt(
                    new PromptSpec("greet", "Greets someone.", List.of(new PromptSpec.Argument("name", "who", true))),
                    new PromptHandler() {
                        @Override
                        public List<PromptMessage> render(Map<String, String> arguments) {
                            return List.of(PromptMessage.user("Say hello to " + arguments.get("name") + "."));
                        }

                        @Override
                        public List<String> complete(String argument, String prefix) {
                            return List.of("Ada", "Alan", "Grace").stream()
                                    .filter(n -> n.startsWith(prefix))
                                    .toList();
                        }
                    });
        }
    }
}
