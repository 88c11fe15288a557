package dev.pincer.plugins.openai;

import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;

/**
 * The bundled {@code openai} plugin: registers one model provider, {@code openai}, that talks to an
 * OpenAI-compatible chat completions API (OpenAI, Ollama, llama.cpp, vLLM, LM Studio).
 *
 * <p>Settings come from {@code [plugins.entries.openai.config]}: {@code base_url}, {@code model},
 * {@code models}, {@code api_key_env}, {@code timeout}, {@code max_retries} and {@code
 * temperature}. The plugin reaches only {@code base_url}'s host and reads only the {@code
 * api_key_env} variable, as approved. Pincer activates and deactivates it once; the provider it
 * registers is thread-safe.
 *
 * @since 0.1.0
 */
public final class OpenAiPlugin implements Plugin {

    /**
     * Reads the settings and registers the provider.
     *
     * @throws dev.pincer.api.PluginException naming the setting when a configuration value is
     *     unusable
     */
    @Override
    public void activate(PluginContext context) {
        OpenAiSettings settings = OpenAiSettings.from(context.config());
        context.registerProvider(new OpenAiProvider(settings, context.http(), context.env()));
    }
}
