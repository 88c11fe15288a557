package dev.pincer.api.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.PluginException;
import dev.pincer.api.prompt.PromptMessage;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.tool.Caller;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.SampleRequest;
import dev.pincer.api.tool.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSpecTest {

    @Test
    void aUriWithVariablesIsATemplateThatNamesThemInOrder() {
        ResourceSpec day = new ResourceSpec("notes://{year}/{day}", "Day", null, "text/plain");

        assertThat(day.isTemplate()).isTrue();
        assertThat(day.variables()).containsExactly("year", "day");
        assertThat(new ResourceSpec("notes://today", "Today", null, null).isTemplate())
                .isFalse();
    }

    @Test
    void aMalformedUriOrTemplateIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new ResourceSpec("no scheme here", "x", null, null))
                .hasMessageContaining("must have a scheme")
                .hasMessageContaining("\"no scheme here\"");
        assertThatThrownBy(() -> new ResourceSpec("notes://{day", "x", null, null))
                .hasMessageContaining("unbalanced braces");
        assertThatThrownBy(() -> new ResourceSpec("notes://{a}/{a}", "x", null, null))
                .hasMessageContaining("names {a} twice");
        assertThatThrownBy(() -> new ResourceSpec("notes://{a b}", "x", null, null))
                .hasMessageContaining("must have a scheme, no spaces");
        assertThatThrownBy(() -> new ResourceSpec("notes://{a-b}", "x", null, null))
                .hasMessageContaining("\"{a-b}\"");
    }

    @Test
    void anEmbeddedResourceHoldsTextOrBytesButNotBoth() {
        assertThatThrownBy(() -> new Content.Resource("notes://a", null, "t", "Ynl0ZXM="))
                .hasMessageContaining("exactly one of text and base64Blob, but both were given");
        assertThatThrownBy(() -> new Content.Resource("notes://a", null, null, null))
                .hasMessageContaining("but neither was given");
    }

    @Test
    void promptsRefuseDuplicateArgumentsAndJsonMessages() {
        assertThatThrownBy(() -> new PromptSpec(
                        "p",
                        null,
                        List.of(new PromptSpec.Argument("a", null, true), new PromptSpec.Argument("a", null, false))))
                .hasMessageContaining("names argument \"a\" twice");
        assertThatThrownBy(() -> new PromptMessage(dev.pincer.api.tool.Role.USER, Content.json(Map.of("a", 1))))
                .hasMessageContaining("not JSON");
    }

    @Test
    void aCallFromACallerThatCanTakeNothingBackRefusesSamplingAndSaysWhoCan() {
        ToolCall call = new ToolCall("t", Map.of(), "id", null);

        assertThat(call.caller()).isSameAs(Caller.NONE);
        assertThat(call.withArguments(Map.of("a", 1)).caller()).isSameAs(Caller.NONE);
        call.caller().progress(1, null, "dropped");
        assertThatThrownBy(() -> call.caller().sample(SampleRequest.ofText("hi", 10)))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("only MCP clients that declare the sampling capability");
        assertThatThrownBy(() -> call.caller().elicit("who?", Map.of()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("elicitation capability");
    }
}
