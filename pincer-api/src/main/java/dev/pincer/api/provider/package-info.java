/**
 * Model providers: the language models an agent turn talks to.
 *
 * <p>A {@link dev.pincer.api.provider.Provider} answers a {@link dev.pincer.api.provider.ChatRequest}
 * with a {@link dev.pincer.api.provider.ChatResponse}, which holds text, tool calls the model asks
 * for, or both. The types are deliberately provider-neutral; adapters map them to a vendor's API.
 *
 * @since 0.1.0
 */
package dev.pincer.api.provider;
