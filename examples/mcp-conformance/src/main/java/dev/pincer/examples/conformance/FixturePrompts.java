package dev.pincer.examples.conformance;

import dev.pincer.api.PluginContext;
import dev.pincer.api.prompt.PromptHandler;
import dev.pincer.api.prompt.PromptMessage;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.Role;
import java.util.List;
import java.util.Map;

/**
 * Registers the conformance suite's prompts: a simple one, one with arguments (and completion of
 * their values), one embedding a resource and one holding an image.
 *
 * <p>Thread-safe: the handlers keep no state.
 */
final class FixturePrompts {

    /** The values {@code test_prompt_with_arguments} completes from, per argument. */
    private static final Map<String, List<String>> SUGGESTIONS = Map.of(
            "arg1", List.of("paris", "park", "party", "test-value"),
            "arg2", List.of("world", "wonder", "test-value"));

    private FixturePrompts() {}

    static void register(PluginContext context) {
        context.registerPrompt(
                PromptSpec.of("test_simple_prompt", "A simple prompt without arguments"),
                arguments -> List.of(PromptMessage.user("This is a simple prompt for testing.")));
        context.registerPrompt(
                new PromptSpec(
                        "test_prompt_with_arguments",
                        "A prompt with two required arguments",
                        List.of(
                                new PromptSpec.Argument("arg1", "First test argument", true),
                                new PromptSpec.Argument("arg2", "Second test argument", true))),
                new WithArguments());
        context.registerPrompt(
                new PromptSpec(
                        "test_prompt_with_embedded_resource",
                        "A prompt embedding the resource it is given",
                        List.of(new PromptSpec.Argument("resourceUri", "URI of the resource to embed", true))),
                arguments -> List.of(
                        new PromptMessage(
                                Role.USER,
                                Content.resourceText(
                                        arguments.get("resourceUri"),
                                        "text/plain",
                                        "Embedded resource content for testing.")),
                        PromptMessage.user("Please process the embedded resource above.")));
        context.registerPrompt(
                PromptSpec.of("test_prompt_with_image", "A prompt holding an image"),
                arguments -> List.of(
                        new PromptMessage(Role.USER, Content.image(Media.RED_PIXEL_PNG, "image/png")),
                        PromptMessage.user("Please analyze the image above.")));
    }

    /** Renders both arguments into the text, and completes their values from a fixed list. */
    private static final class WithArguments implements PromptHandler {
        @Override
        public List<PromptMessage> render(Map<String, String> arguments) {
            return List.of(PromptMessage.user("Prompt with arguments: arg1='" + arguments.get("arg1") + "', arg2='"
                    + arguments.get("arg2") + "'"));
        }

        @Override
        public List<String> complete(String argument, String prefix) {
            return SUGGESTIONS.getOrDefault(argument, List.of()).stream()
                    .filter(value -> value.startsWith(prefix))
                    .toList();
        }
    }
}
