/**
 * The bundled {@code openai} plugin: a {@link dev.pincer.api.provider.Provider} for OpenAI's chat
 * completions wire format, with text, tool calls and Server-Sent Events streaming.
 *
 * <p>{@link dev.pincer.plugins.openai.OpenAiPlugin} is the entry point; the rest is internal: the
 * request and response mapping, the tool-name mapping, the stream reader and the wording of
 * failures.
 *
 * @since 0.1.0
 */
package dev.pincer.plugins.openai;
