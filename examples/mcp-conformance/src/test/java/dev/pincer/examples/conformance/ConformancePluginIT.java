package dev.pincer.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.prompt.PromptMessage;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.testkit.PincerPlugin;
import dev.pincer.testkit.PluginHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tests the built fixture folder through the Pincer test kit, without an MCP client: what it
 * registers, and that its plain tools, resources and prompts answer what the suite expects.
 */
@PincerPlugin("target/plugin")
class ConformancePluginIT {

    @Test
    void registersEveryFixtureTheSuiteCallsFor(PluginHarness pincer) {
        assertThat(pincer.state("mcp-conformance")).isEqualTo(PluginState.ACTIVE);
        assertThat(pincer.host().toolCatalog())
                .extracting(t -> t.name())
                .contains(
                        "test_simple_text",
                        "test_tool_with_progress",
                        "test_sampling",
                        "test_elicitation_sep1330_enums",
                        "json_schema_2020_12_tool",
                        "test_reconnection")
                .hasSize(14);
        assertThat(pincer.host().content().resources())
                .extracting(r -> r.uri())
                .containsExactlyInAnyOrder(
                        "test://static-text",
                        "test://static-binary",
                        "test://template/{id}/data",
                        "test://watched-resource");
        assertThat(pincer.host().content().prompts()).hasSize(4);
    }

    @Test
    void answersWithTheContentTheSuiteChecks(PluginHarness pincer) {
        ToolResult mixed = pincer.call("test_multiple_content_types", Map.of());
        ToolResult error = pincer.call("test_error_handling", Map.of());

        assertThat(PluginHarness.text(pincer.call("test_simple_text", Map.of())))
                .isEqualTo("This is a simple text response for testing.");
        assertThat(pincer.call("test_audio_content", Map.of()).content())
                .singleElement()
                .isInstanceOfSatisfying(
                        Content.Audio.class, a -> assertThat(a.mimeType()).isEqualTo("audio/wav"));
        assertThat(mixed.content())
                .extracting(c -> c.getClass().getSimpleName())
                .containsExactly("Text", "Image", "Resource");
        assertThat(error.isError()).isTrue();
        assertThat(PluginHarness.text(error)).isEqualTo("This tool intentionally returns an error for testing");
    }

    @Test
    void sayWhyItCannotSampleWithoutAClientThatCan(PluginHarness pincer) {
        ToolResult result = pincer.call("test_sampling", Map.of("prompt", "hi"));

        assertThat(result.isError()).isTrue();
        assertThat(PluginHarness.text(result)).contains("needs a client that declares the sampling capability");
    }

    @Test
    void substitutesTheTemplateIdAndArguments(PluginHarness pincer) {
        List<Content.Resource> read = pincer.host().content().read("test://template/123/data", "test");
        List<PromptMessage> prompt = pincer.host()
                .content()
                .prompt("test_prompt_with_arguments", Map.of("arg1", "hello", "arg2", "world"), "test");

        assertThat(read).singleElement().satisfies(r -> assertThat(r.text())
                .isEqualTo("{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}"));
        assertThat(prompt).singleElement().satisfies(m -> assertThat(((Content.Text) m.content()).text())
                .isEqualTo("Prompt with arguments: arg1='hello', arg2='world'"));
        assertThat(pincer.host().content().complete("test_prompt_with_arguments", "arg1", "par"))
                .containsExactly("paris", "park", "party");
    }
}
