package dev.pincer.plugins.openai;

import static dev.pincer.plugins.openai.FakeOpenAi.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.PluginException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {

    @Test
    void defaultsToOpenAi() {
        OpenAiSettings settings = OpenAiSettings.from(Map.of());
        assertThat(settings.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(settings.endpoint()).isEqualTo(URI.create("https://api.openai.com/v1/chat/completions"));
        assertThat(settings.models()).containsExactly("gpt-4o-mini");
        assertThat(settings.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxRetries()).isEqualTo(2);
        assertThat(settings.temperature()).isNull();
        assertThat(settings.hostPort()).isEqualTo("api.openai.com:443");
    }

    @Test
    void readsAnOllamaSetup() {
        OpenAiSettings settings = OpenAiSettings.from(config(
                "base_url", "http://localhost:11434/v1/",
                "model", "llama3.2",
                "models", List.of("qwen2.5:7b"),
                "api_key_env", "",
                "timeout", "2m",
                "max_retries", 0,
                "temperature", 0));
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
        assertThat(settings.models()).containsExactly("llama3.2", "qwen2.5:7b");
        assertThat(settings.needsKey()).isFalse();
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.temperature()).isZero();
        assertThat(settings.hostPort()).isEqualTo("localhost:11434");
    }

    @Test
    void namesTheKeyAndTheValueThatIsNotUsable() {
        assertThatThrownBy(() -> OpenAiSettings.from(config("base_url", "localhost:11434")))
                .isInstanceOf(PluginException.class)
                .hasMessage("base_url = \"localhost:11434\" in [plugins.entries.openai.config] is not usable; write the"
                        + " API's base URL without /chat/completions, e.g. https://api.openai.com/v1 or"
                        + " http://localhost:11434/v1.");
        assertThatThrownBy(() -> OpenAiSettings.from(config("base_url", "https://api.openai.com/v1/chat/completions")))
                .hasMessageContaining("without /chat/completions");
        assertThatThrownBy(() -> OpenAiSettings.from(config("timeout", "60")))
                .hasMessage("timeout = \"60\" in [plugins.entries.openai.config] is not usable; give a positive"
                        + " duration such as \"60s\", \"500ms\" or \"2m\".");
        assertThatThrownBy(() -> OpenAiSettings.from(config("max_retries", 9)))
                .hasMessage("max_retries = 9 in [plugins.entries.openai.config] is not usable; give a whole number"
                        + " from 0 to 5.");
        assertThatThrownBy(() -> OpenAiSettings.from(config("api_key_env", "MY KEY")))
                .hasMessageStartingWith("api_key_env = \"MY KEY\" in [plugins.entries.openai.config] is not usable");
        assertThatThrownBy(() -> OpenAiSettings.from(config("temperature", 7)))
                .hasMessageStartingWith("temperature = 7 in [plugins.entries.openai.config] is not usable");
        assertThatThrownBy(() -> OpenAiSettings.from(config("models", List.of(1))))
                .hasMessageStartingWith("models = [1] in [plugins.entries.openai.config] is not usable");
    }
}
