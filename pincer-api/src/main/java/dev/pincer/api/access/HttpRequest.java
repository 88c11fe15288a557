package dev.pincer.api.access;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request a plugin asks the host to send.
 *
 * <p>Immutable.
 *
 * @param method the method, e.g. {@code GET}
 * @param uri an absolute {@code http} or {@code https} URI
 * @param headers header names to values
 * @param body the request body, empty for none
 * @param timeout the limit for the whole exchange, redirects included, or {@code null} for the
 *     host's default
 * @since 0.1.0
 */
public record HttpRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        headers.values().forEach(v -> Objects.requireNonNull(v, "header values"));
        body = body == null ? new byte[0] : body.clone();
    }

    /** Returns a {@code GET} request for {@code uri} with no headers and the default timeout. */
    public static HttpRequest get(String uri) {
        return new HttpRequest("GET", URI.create(uri), Map.of(), null, null);
    }

    /** Returns a {@code POST} request of {@code body} with the given content type. */
    public static HttpRequest post(String uri, String contentType, byte[] body) {
        return new HttpRequest("POST", URI.create(uri), Map.of("Content-Type", List.of(contentType)), body, null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
