package dev.pincer.plugins.openai;

import dev.pincer.api.PluginException;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ToolCallRequest;
import dev.pincer.api.tool.ToolSpec;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChatRequest} as the body of {@code POST /chat/completions}: the messages with
 * their roles, assistant tool calls and tool results, the tools as functions under their safe
 * names, {@code max_tokens}, {@code temperature} and, for a stream, {@code stream} with usage.
 *
 * <p>Stateless and thread-safe.
 */
final class WireRequest {

    private final JsonMapper json;

    WireRequest(JsonMapper json) {
        this.json = json;
    }

    /**
     * Returns the body for {@code request}.
     *
     * @param request the request
     * @param names the safe names of its tools
     * @param settings the provider's settings, for the temperature
     * @param stream whether the reply should come as Server-Sent Events
     * @return the JSON body
     * @throws PluginException if a tool's input schema is not JSON
     */
    byte[] body(ChatRequest request, ToolNames names, OpenAiSettings settings, boolean stream) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.add(message(message, names));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                tools.add(tool(tool, names));
            }
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (settings.temperature() != null) {
            body.put("temperature", settings.temperature());
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return json.writeValueAsBytes(body);
    }

    private ObjectNode message(ChatMessage message, ToolNames names) {
        ObjectNode node = json.createObjectNode();
        node.put("role", message.role().name().toLowerCase(Locale.ROOT));
        if (message.role() == ChatMessage.Role.ASSISTANT && !message.toolCalls().isEmpty()) {
            if (message.content().isEmpty()) {
                node.putNull("content");
            } else {
                node.put("content", message.content());
            }
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCallRequest call : message.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                ObjectNode function = c.putObject("function");
                function.put("name", names.safe(call.name()));
                function.put("arguments", call.argumentsJson());
            }
            return node;
        }
        if (message.role() == ChatMessage.Role.TOOL) {
            node.put("tool_call_id", message.toolCallId());
        }
        node.put("content", message.content());
        return node;
    }

    private ObjectNode tool(ToolSpec tool, ToolNames names) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", names.safe(tool.name()));
        if (!tool.description().isEmpty()) {
            function.put("description", tool.description());
        }
        function.set("parameters", schema(tool));
        return node;
    }

    private JsonNode schema(ToolSpec tool) {
        JsonNode schema;
        try {
            schema = json.readTree(tool.inputSchemaJson());
        } catch (JacksonException e) {
            throw notAnObject(tool, e);
        }
        if (schema == null || !schema.isObject()) {
            throw notAnObject(tool, null);
        }
        return schema;
    }

    private static PluginException notAnObject(ToolSpec tool, Throwable cause) {
        return new PluginException(
                "openai.tool-schema",
                "the input schema of tool '" + tool.name() + "' is not a JSON object, so it cannot be offered to the"
                        + " model; fix the schema the tool's plugin registers",
                cause);
    }
}
