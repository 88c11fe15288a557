package dev.pincer.cli.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible chat-completions server on loopback, for end-to-end tests: {@code POST
 * /v1/chat/completions} answers from a script, in the real wire format (a message with content or
 * {@code tool_calls}, a finish reason, usage), and keeps every request body it got.
 */
public final class LoopbackModel implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    /** What the script answers: text, or one tool call. */
    public record Answer(String text, String tool, String arguments) {
        public static Answer say(String text) {
            return new Answer(text, null, null);
        }

        public static Answer call(String tool, String arguments) {
            return new Answer(null, tool, arguments);
        }
    }

    private LoopbackModel(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port answering each request body with {@code script}. */
    public static LoopbackModel start(Function<JsonNode, Answer> script) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LoopbackModel model = new LoopbackModel(server);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            model.requests.add(request);
            Answer answer = script.apply(request);
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            String finish;
            if (answer.tool() != null) {
                message.putNull("content");
                ArrayNode calls = message.putArray("tool_calls");
                calls.addObject()
                        .put("id", "call_" + model.requests.size())
                        .put("type", "function")
                        .putObject("function")
                        .put("name", answer.tool())
                        .put("arguments", answer.arguments());
                finish = "tool_calls";
            } else {
                message.put("content", answer.text());
                finish = "stop";
            }
            ObjectNode body = JSON.createObjectNode()
                    .put("id", "chatcmpl-" + model.requests.size())
                    .put("object", "chat.completion")
                    .put("created", 1_700_000_000L)
                    .put("model", request.path("model").asString());
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
            choice.set("message", message);
            choice.put("finish_reason", finish);
            body.putObject("usage")
                    .put("prompt_tokens", 10)
                    .put("completion_tokens", 5)
                    .put("total_tokens", 15);
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return model;
    }

    /** Returns the port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Returns every request body received, oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Returns the text of the last message of {@code request}. */
    public static String lastText(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asString("");
    }

    /** Returns the role of the last message of {@code request}. */
    public static String lastRole(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("role").asString("");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
