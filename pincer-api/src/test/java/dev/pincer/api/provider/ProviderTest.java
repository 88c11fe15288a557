package dev.pincer.api.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderTest {

    /** Echoes the last message; cannot stream, so it relies on the default. */
    private static final class EchoProvider implements Provider {
        @Override
        public String id() {
            return "echo";
        }

        @Override
        public List<String> models() {
            return List.of("echo-1");
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            return ChatResponse.reply(
                    request.messages().get(request.messages().size() - 1).content());
        }
    }

    @Test
    void streamFallsBackToChatDeliveringWholeTextAsOneDelta() throws Exception {
        List<String> deltas = new ArrayList<>();

        ChatResponse response =
                new EchoProvider().stream(ChatRequest.of("echo-1", List.of(ChatMessage.user("hi"))), deltas::add);

        assertThat(deltas).containsExactly("hi");
        assertThat(response.text()).isEqualTo("hi");
        assertThat(response.finishReason()).isEqualTo(ChatResponse.FinishReason.STOP);
    }

    @Test
    void requestCopiesMessagesAndTools() {
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("hi")));
        List<ToolSpec> tools = new ArrayList<>(List.of(ToolSpec.of("greet", "")));

        ChatRequest request = new ChatRequest("echo-1", messages, tools, null);
        messages.add(ChatMessage.assistant("hello"));
        tools.clear();

        assertThat(request.messages()).containsExactly(ChatMessage.user("hi"));
        assertThat(request.tools()).extracting(ToolSpec::name).containsExactly("greet");
    }

    @Test
    void toolMessageRequiresToolCallIdAndOthersMustNotHaveOne() {
        assertThatThrownBy(() -> new ChatMessage(ChatMessage.Role.TOOL, "42", null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role was TOOL");
        assertThatThrownBy(() -> new ChatMessage(ChatMessage.Role.USER, "hi", "call-7", List.of()))
                .hasMessageContaining("\"call-7\"");
        assertThat(ChatMessage.toolResult("call-7", "42").toolCallId()).isEqualTo("call-7");
    }
}
