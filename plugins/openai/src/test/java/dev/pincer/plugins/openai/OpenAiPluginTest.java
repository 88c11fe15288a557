package dev.pincer.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.PluginContext;
import dev.pincer.api.Registration;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.Provider;
import dev.pincer.core.guards.PluginAccess;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activation: the plugin reads its config and registers one provider that talks through the context's HTTP. */
class OpenAiPluginTest {

    @TempDir
    Path data;

    @Test
    void registersTheOpenaiProviderFromItsConfig() throws Exception {
        try (Rig rig = new Rig(data)) {
            rig.server.then(FakeOpenAi.completion("{\"role\":\"assistant\",\"content\":\"hi\"}", "stop"));
            List<Provider> registered = new CopyOnWriteArrayList<>();
            PluginContext context = context(
                    Map.of("base_url", rig.server.baseUrl(), "model", "llama3.2", "api_key_env", ""),
                    rig.access(),
                    registered);

            new OpenAiPlugin().activate(context);

            assertThat(registered).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("openai");
                assertThat(p.models()).containsExactly("llama3.2");
            });
            assertThat(registered
                            .get(0)
                            .chat(ChatRequest.of("llama3.2", List.of(ChatMessage.user("Hi"))))
                            .text())
                    .isEqualTo("hi");
        }
    }

    /** Returns a context that answers what the plugin uses and refuses the rest. */
    static PluginContext context(Map<String, Object> config, PluginAccess access, List<Provider> registered) {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(), new Class<?>[] {PluginContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "pluginId":
                            return "openai";
                        case "config":
                            return config;
                        case "http":
                            return access.http();
                        case "env":
                            return access.env();
                        case "registerProvider":
                            registered.add((Provider) args[0]);
                            return (Registration) () -> registered.remove((Provider) args[0]);
                        default:
                            throw new UnsupportedOperationException(
                                    "the openai plugin should not call PluginContext." + method.getName());
                    }
                });
    }
}
