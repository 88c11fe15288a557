package dev.pincer.examples.conformance;

import dev.pincer.api.PluginContext;
import dev.pincer.api.tool.Caller;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ElicitReply;
import dev.pincer.api.tool.SampleReply;
import dev.pincer.api.tool.SampleRequest;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers the conformance suite's tools. Each answers exactly as the suite's scenario describes,
 * and the ones that talk back (logging, progress, sampling, elicitation) really do so through the
 * {@link Caller} of the call.
 *
 * <p>Thread-safe: the handlers keep no state.
 */
final class FixtureTools {

    /** How long the logging and progress tools wait between notifications, as the suite asks. */
    private static final long STEP_MILLIS = 50;

    private static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";

    private FixtureTools() {}

    static void register(PluginContext context) {
        tool(
                context,
                "test_simple_text",
                "Returns a simple text response.",
                NO_ARGUMENTS,
                call -> ToolResult.text("This is a simple text response for testing."));
        tool(
                context,
                "test_image_content",
                "Returns a 1x1 red PNG image.",
                NO_ARGUMENTS,
                call -> ToolResult.of(Content.image(Media.RED_PIXEL_PNG, "image/png")));
        tool(
                context,
                "test_audio_content",
                "Returns a short WAV clip of silence.",
                NO_ARGUMENTS,
                call -> ToolResult.of(Content.audio(Media.SILENCE_WAV, "audio/wav")));
        tool(
                context,
                "test_embedded_resource",
                "Returns an embedded text resource.",
                NO_ARGUMENTS,
                call -> ToolResult.of(Content.resourceText(
                        "test://embedded-resource", "text/plain", "This is an embedded resource content.")));
        tool(
                context,
                "test_multiple_content_types",
                "Returns text, an image and an embedded resource together.",
                NO_ARGUMENTS,
                call -> ToolResult.of(
                        Content.text("Multiple content types test:"),
                        Content.image(Media.RED_PIXEL_PNG, "image/png"),
                        Content.resourceText(
                                "test://mixed-content-resource",
                                "application/json",
                                "{\"test\":\"data\",\"value\":123}")));
        tool(
                context,
                "test_tool_with_logging",
                "Sends three info log notifications while it runs.",
                NO_ARGUMENTS,
                FixtureTools::withLogging);
        tool(
                context,
                "test_error_handling",
                "Always answers with an error result.",
                NO_ARGUMENTS,
                call -> ToolResult.error("This tool intentionally returns an error for testing"));
        tool(
                context,
                "test_tool_with_progress",
                "Reports progress 0, 50 and 100 of 100 while it runs.",
                NO_ARGUMENTS,
                FixtureTools::withProgress);
        tool(
                context,
                "test_sampling",
                "Asks the client's model to complete the prompt and returns its answer.",
                requiredStrings("prompt", "The prompt to send to the LLM"),
                FixtureTools::sampling);
        tool(
                context,
                "test_elicitation",
                "Asks the user, through the client, for a username and an email address.",
                requiredStrings("message", "The message to show the user"),
                call -> elicit(call, String.valueOf(call.arguments().get("message")), Elicitations.userDetails()));
        tool(
                context,
                "test_elicitation_sep1034_defaults",
                "Asks the user for input with a default for every primitive type (SEP-1034).",
                NO_ARGUMENTS,
                call -> elicit(
                        call, "Please review and update the form fields with defaults", Elicitations.defaults()));
        tool(
                context,
                "test_elicitation_sep1330_enums",
                "Asks the user to choose from all five kinds of enum (SEP-1330).",
                NO_ARGUMENTS,
                call -> elicit(call, "Please select options from the enum fields", Elicitations.enums()));
        tool(
                context,
                "json_schema_2020_12_tool",
                "Tool with JSON Schema 2020-12 features",
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                        + "\"$defs\":{\"address\":{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"},"
                        + "\"city\":{\"type\":\"string\"}}}},\"properties\":{\"name\":{\"type\":\"string\"},"
                        + "\"address\":{\"$ref\":\"#/$defs/address\"}},\"additionalProperties\":false}",
                call -> ToolResult.text("Received: " + call.arguments()));
        tool(
                context,
                "test_reconnection",
                "Answers after a short wait, for the suite's SSE polling scenario (SEP-1699).",
                NO_ARGUMENTS,
                call -> {
                    Thread.sleep(2 * STEP_MILLIS);
                    return ToolResult.text("Reconnection test completed");
                });
    }

    private static void tool(
            PluginContext context, String name, String description, String schema, ToolHandler handler) {
        context.registerTool(ToolSpec.of(name, description).withInputSchema(schema), handler);
    }

    private static String requiredStrings(String name, String description) {
        return "{\"type\":\"object\",\"properties\":{" + Media.jsonString(name) + ":{\"type\":\"string\","
                + "\"description\":" + Media.jsonString(description) + "}},\"required\":[" + Media.jsonString(name)
                + "]}";
    }

    private static ToolResult withLogging(ToolCall call) throws InterruptedException {
        Caller caller = call.caller();
        caller.log(System.Logger.Level.INFO, "Tool execution started");
        Thread.sleep(STEP_MILLIS);
        caller.log(System.Logger.Level.INFO, "Tool processing data");
        Thread.sleep(STEP_MILLIS);
        caller.log(System.Logger.Level.INFO, "Tool execution completed");
        return ToolResult.text("Tool with logging executed successfully");
    }

    private static ToolResult withProgress(ToolCall call) throws InterruptedException {
        Caller caller = call.caller();
        for (int step = 0; step <= 2; step++) {
            if (step > 0) {
                Thread.sleep(STEP_MILLIS);
            }
            caller.progress(step * 50.0, 100.0, "step " + (step + 1) + " of 3");
        }
        return ToolResult.text("Tool with progress executed successfully");
    }

    private static ToolResult sampling(ToolCall call) {
        Caller caller = call.caller();
        if (!caller.canSample()) {
            return ToolResult.error("test_sampling needs a client that declares the sampling capability;"
                    + " this one did not, so there is no model to ask");
        }
        SampleReply reply = caller.sample(
                SampleRequest.ofText(String.valueOf(call.arguments().get("prompt")), 100));
        String answer = reply.content() instanceof Content.Text text
                ? text.text()
                : reply.content().toString();
        return ToolResult.text("LLM response: " + answer);
    }

    private static ToolResult elicit(ToolCall call, String message, Map<String, Object> schema) {
        Caller caller = call.caller();
        if (!caller.canElicit()) {
            return ToolResult.error("tool '" + call.toolName() + "' needs a client that declares the elicitation"
                    + " capability; this one did not, so there is nobody to ask");
        }
        ElicitReply reply = caller.elicit(message, schema);
        Map<String, Object> content = new LinkedHashMap<>(reply.content());
        return ToolResult.of(Content.text("Elicitation completed: action="
                + reply.action().name().toLowerCase(java.util.Locale.ROOT) + ", content=" + content));
    }

    /** The schemas the elicitation tools send; each is what its scenario checks field by field. */
    static final class Elicitations {
        private Elicitations() {}

        static Map<String, Object> userDetails() {
            return object(
                    Map.of(
                            "username", Map.of("type", "string", "description", "User's response"),
                            "email", Map.of("type", "string", "description", "User's email address")),
                    List.of("username", "email"));
        }

        static Map<String, Object> defaults() {
            return object(
                    Map.of(
                            "name", Map.of("type", "string", "description", "User name", "default", "John Doe"),
                            "age", Map.of("type", "integer", "description", "User age", "default", 30),
                            "score", Map.of("type", "number", "description", "User score", "default", 95.5),
                            "status",
                                    Map.of(
                                            "type", "string",
                                            "description", "User status",
                                            "enum", List.of("active", "inactive", "pending"),
                                            "default", "active"),
                            "verified",
                                    Map.of("type", "boolean", "description", "Verification status", "default", true)),
                    List.of());
        }

        static Map<String, Object> enums() {
            List<String> options = List.of("option1", "option2", "option3");
            return object(
                    Map.of(
                            "untitledSingle", Map.of("type", "string", "enum", options),
                            "titledSingle",
                                    Map.of(
                                            "type",
                                            "string",
                                            "oneOf",
                                            titled("value", "First Option", "Second Option", "Third Option")),
                            "legacyEnum",
                                    Map.of(
                                            "type", "string",
                                            "enum", List.of("opt1", "opt2", "opt3"),
                                            "enumNames", List.of("Option One", "Option Two", "Option Three")),
                            "untitledMulti",
                                    Map.of("type", "array", "items", Map.of("type", "string", "enum", options)),
                            "titledMulti",
                                    Map.of(
                                            "type",
                                            "array",
                                            "items",
                                            Map.of(
                                                    "anyOf",
                                                    titled("value", "First Choice", "Second Choice", "Third Choice")))),
                    List.of());
        }

        private static List<Map<String, Object>> titled(String prefix, String... titles) {
            return java.util.stream.IntStream.range(0, titles.length)
                    .mapToObj(i -> Map.<String, Object>of("const", prefix + (i + 1), "title", titles[i]))
                    .toList();
        }

        private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            return schema;
        }
    }
}
