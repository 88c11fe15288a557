package dev.pincer.plugins.openai;

import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.ChatResponse.FinishReason;
import dev.pincer.api.provider.ChatResponse.Usage;
import dev.pincer.api.provider.ToolCallRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of a complete (not streamed) chat completion: {@code choices[0].message.content},
 * its {@code tool_calls}, {@code finish_reason} and {@code usage}.
 *
 * <p>Stateless and thread-safe.
 */
final class WireResponse {

    private final JsonMapper json;
    private final Failures failures;

    WireResponse(JsonMapper json, Failures failures) {
        this.json = json;
        this.failures = failures;
    }

    /**
     * Returns the response in {@code body}.
     *
     * @throws dev.pincer.api.PluginException if the body is not a chat completion
     */
    ChatResponse parse(byte[] body, ToolNames names) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw failures.malformed("not valid JSON: " + e.getOriginalMessage(), body, e);
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject() || !choice.path("message").isObject()) {
            throw failures.malformed("no choices[0].message", body, null);
        }
        JsonNode message = choice.path("message");
        List<ToolCallRequest> calls = new ArrayList<>();
        JsonNode toolCalls = message.path("tool_calls");
        for (int i = 0; i < toolCalls.size(); i++) {
            JsonNode call = toolCalls.path(i);
            JsonNode function = call.path("function");
            if (!function.path("name").isString()) {
                throw failures.malformed("tool_calls[" + i + "] has no function.name", body, null);
            }
            calls.add(toolCall(
                    text(call.path("id")),
                    i,
                    names.original(function.path("name").asString()),
                    arguments(function.path("arguments"))));
        }
        String content = text(message.path("content"));
        return new ChatResponse(content, calls, finishReason(choice.path("finish_reason"), calls), usage(root));
    }

    /** Returns a tool call, naming it {@code call_<index>} when the server gave no id (some local servers). */
    static ToolCallRequest toolCall(String id, int index, String name, String arguments) {
        return new ToolCallRequest(id.isBlank() ? "call_" + index : id, name, arguments.isBlank() ? "{}" : arguments);
    }

    /** Returns the arguments as JSON text; some servers send an object instead of a string. */
    static String arguments(JsonNode arguments) {
        if (arguments.isString()) {
            return arguments.asString();
        }
        return arguments.isMissingNode() || arguments.isNull() ? "" : arguments.toString();
    }

    /** Returns why the model stopped; a missing reason means stop, or tool calls when it made some. */
    static FinishReason finishReason(JsonNode reason, List<ToolCallRequest> calls) {
        if (!reason.isString()) {
            return calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        }
        return switch (reason.asString()) {
            case "stop", "end_turn" -> calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** Returns the usage of a completion or a final stream chunk, or {@link Usage#UNKNOWN}. */
    static Usage usage(JsonNode root) {
        JsonNode usage = root.path("usage");
        if (!usage.isObject()) {
            return Usage.UNKNOWN;
        }
        int input = Math.max(0, usage.path("prompt_tokens").asInt(0));
        int output = Math.max(0, usage.path("completion_tokens").asInt(0));
        return new Usage(input, output);
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }
}
