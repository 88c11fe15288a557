package dev.pincer.api.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.tool.ToolCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookOutcomeTest {

    @Test
    void gateHandlerCanReplaceToolArguments() throws Exception {
        HookHandler<ToolCallEvent> redact = event -> HookOutcome.replace(event.withArguments(Map.of("path", "/tmp")));
        ToolCallEvent event = new ToolCallEvent(new ToolCall("rm", Map.of("path", "/"), "c1", null), true);

        HookOutcome<ToolCallEvent> outcome = redact.handle(event);

        assertThat(outcome).isInstanceOf(HookOutcome.Replace.class);
        ToolCallEvent replaced = ((HookOutcome.Replace<ToolCallEvent>) outcome).event();
        assertThat(replaced.call().arguments()).containsEntry("path", "/tmp");
        assertThat(event.call().arguments()).containsEntry("path", "/");
    }

    @Test
    void blockAndCancelRequireAReason() {
        assertThatThrownBy(() -> HookOutcome.block(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block");
        assertThatThrownBy(() -> HookOutcome.cancel(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cancel");
    }

    @Test
    void claimCarriesAnOptionalReply() {
        HookOutcome<MessageEvent> silent = HookOutcome.claim();
        HookOutcome<MessageEvent> answered = HookOutcome.claim("pong");

        assertThat(silent).isEqualTo(new HookOutcome.Claim<MessageEvent>(null));
        assertThat(((HookOutcome.Claim<MessageEvent>) silent).hasReply()).isFalse();
        assertThat(((HookOutcome.Claim<MessageEvent>) answered).hasReply()).isTrue();
        assertThat(((HookOutcome.Claim<MessageEvent>) answered).reply()).isEqualTo("pong");
        assertThatThrownBy(() -> HookOutcome.claim(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("reply");
    }

    @Test
    void pluginEventRejectsBlankIdNamingTheValues() {
        assertThatThrownBy(() -> new PluginEvent(" ", "1.0.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id \" \"")
                .hasMessageContaining("version \"1.0.0\"");
        assertThat(new PluginEvent("weather", "1.2.0").pluginId()).isEqualTo("weather");
    }

    @Test
    void modelResolveRejectsProviderWithoutModelNamingBoth() {
        assertThatThrownBy(() -> new ModelResolveEvent(null, "hi", "openai", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providerId was \"openai\"")
                .hasMessageContaining("model was null");
    }
}
