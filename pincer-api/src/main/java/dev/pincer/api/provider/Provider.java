package dev.pincer.api.provider;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Answers chat requests with one or more language models.
 *
 * <p>Pincer calls providers concurrently for different sessions, through the host's guard, so
 * implementations must be thread-safe. A thrown {@link dev.pincer.api.PluginException} ends the
 * agent turn with its message; any other exception as an internal error of the plugin.
 *
 * @since 0.1.0
 */
public interface Provider {

    /**
     * Returns the provider's id, unique in the gateway, as configuration and hooks name it.
     *
     * @return a stable, non-blank id such as {@code "openai"}
     */
    String id();

    /**
     * Returns the models this provider serves.
     *
     * @return the model names, never {@code null}; may be empty if the provider accepts any name
     */
    List<String> models();

    /**
     * Sends a request to the model and waits for the whole response.
     *
     * @param request the request, not {@code null}
     * @return the response, never {@code null}
     * @throws Exception if the model cannot be reached or refuses the request
     */
    ChatResponse chat(ChatRequest request) throws Exception;

    /**
     * Sends a request to the model, handing text to {@code deltas} as it is generated.
     *
     * <p>The deltas, concatenated, equal the text of the returned response. The default calls
     * {@link #chat} and hands over the whole text as one delta; providers that can stream override
     * it.
     *
     * @param request the request, not {@code null}
     * @param deltas receives successive pieces of the text, on the calling thread; not {@code null}
     * @return the complete response, never {@code null}
     * @throws Exception if the model cannot be reached or refuses the request
     */
    default ChatResponse stream(ChatRequest request, Consumer<String> deltas) throws Exception {
        Objects.requireNonNull(deltas, "deltas");
        ChatResponse response = chat(request);
        if (!response.text().isEmpty()) {
            deltas.accept(response.text());
        }
        return response;
    }
}
