package dev.pincer.api.access;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reply to an {@link HttpRequest}.
 *
 * <p>Immutable.
 *
 * @param status the status code
 * @param headers header names (lower case) to values
 * @param body the body
 * @param uri the URI that answered, after redirects
 * @since 0.1.0
 */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body, URI uri) {

    public HttpReply {
        headers = Map.copyOf(headers);
        body = body.clone();
        Objects.requireNonNull(uri, "uri");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Returns the body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
