package dev.pincer.plugins.openai;

import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.ChatResponse.FinishReason;
import dev.pincer.api.provider.ChatResponse.Usage;
import dev.pincer.api.provider.ToolCallRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a {@link ChatResponse} from the chunks of a streamed chat completion: hands each piece of
 * text to the caller as it arrives, assembles tool calls from their pieces by {@code index} (id and
 * name first, the arguments in parts), and keeps the last {@code finish_reason} and {@code usage}.
 *
 * <p>Not thread-safe: one instance follows one stream, on the thread that reads it.
 */
final class StreamAssembler implements ServerSentEvents.Listener {

    private final JsonMapper json;
    private final Failures failures;
    private final ToolNames names;
    private final Consumer<String> deltas;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, PartialCall> calls = new TreeMap<>();
    private JsonNode finishReason;
    private Usage usage = Usage.UNKNOWN;
    private boolean done;

    StreamAssembler(JsonMapper json, Failures failures, ToolNames names, Consumer<String> deltas) {
        this.json = json;
        this.failures = failures;
        this.names = names;
        this.deltas = deltas;
    }

    /** One tool call while its pieces arrive. */
    private static final class PartialCall {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();
    }

    /**
     * Takes the data of one event: a JSON chunk, or {@code [DONE]}.
     *
     * @return {@code false} once {@code [DONE]} arrived
     * @throws dev.pincer.api.PluginException if the chunk is not JSON or reports an error
     */
    @Override
    public boolean onData(String data) {
        if (data.strip().equals("[DONE]")) {
            done = true;
            return false;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (JacksonException e) {
            throw failures.malformed(
                    "a streamed chunk is not valid JSON: " + e.getOriginalMessage(),
                    data.getBytes(StandardCharsets.UTF_8),
                    e);
        }
        if (chunk == null || !chunk.isObject()) {
            throw failures.malformed(
                    "a streamed chunk is not a JSON object", data.getBytes(StandardCharsets.UTF_8), null);
        }
        if (chunk.has("error")) {
            throw failures.streamError(chunk.path("error"));
        }
        if (chunk.path("usage").isObject()) {
            usage = WireResponse.usage(chunk);
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isObject()) {
            take(choice);
        }
        return true;
    }

    private void take(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.path("content");
        if (content.isString() && !content.asString().isEmpty()) {
            text.append(content.asString());
            deltas.accept(content.asString());
        }
        JsonNode toolCalls = delta.path("tool_calls");
        for (int i = 0; i < toolCalls.size(); i++) {
            JsonNode piece = toolCalls.path(i);
            int index = piece.path("index").isInt() ? piece.path("index").asInt() : i;
            PartialCall call = calls.computeIfAbsent(index, k -> new PartialCall());
            if (piece.path("id").isString() && call.id.isEmpty()) {
                call.id = piece.path("id").asString();
            }
            JsonNode function = piece.path("function");
            String name =
                    function.path("name").isString() ? function.path("name").asString() : "";
            // Most servers send the name once; some repeat it whole in every piece.
            if (!name.isEmpty() && !name.equals(call.name)) {
                call.name = call.name + name;
            }
            call.arguments.append(WireResponse.arguments(function.path("arguments")));
        }
        if (choice.path("finish_reason").isString()) {
            finishReason = choice.path("finish_reason");
        }
    }

    /**
     * Returns the assembled response once the stream ended.
     *
     * @throws dev.pincer.api.PluginException if the stream ended without {@code [DONE]} and
     *     without a finish reason, or a tool call has no name
     */
    ChatResponse finish() {
        if (!done && finishReason == null) {
            throw failures.incompleteStream();
        }
        List<ToolCallRequest> assembled = new ArrayList<>();
        for (Map.Entry<Integer, PartialCall> entry : calls.entrySet()) {
            PartialCall call = entry.getValue();
            if (call.name.isEmpty()) {
                throw failures.malformed(
                        "streamed tool call " + entry.getKey() + " never got a function name", new byte[0], null);
            }
            assembled.add(WireResponse.toolCall(
                    call.id, entry.getKey(), names.original(call.name), call.arguments.toString()));
        }
        FinishReason reason = WireResponse.finishReason(
                finishReason == null ? tools.jackson.databind.node.MissingNode.getInstance() : finishReason, assembled);
        return new ChatResponse(text.toString(), assembled, reason, usage);
    }
}
