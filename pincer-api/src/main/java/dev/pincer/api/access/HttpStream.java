package dev.pincer.api.access;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reply to an {@link HttpRequest} opened with {@link HttpAccess#open}: its status and headers,
 * and a body that is read as it arrives, such as a stream of Server-Sent Events.
 *
 * <p>Closing the stream releases its connection; closing it before the body's end abandons the
 * rest of the reply. Use it in a try-with-resources block. The status, headers and URI are
 * immutable; the body is meant for one reading thread, but {@link #close()} may be called from any
 * thread to abort a read that is waiting.
 *
 * @since 0.1.0
 */
public final class HttpStream implements Closeable {

    private final int status;
    private final Map<String, List<String>> headers;
    private final URI uri;
    private final InputStream body;

    /**
     * Creates a stream.
     *
     * @param status the status code
     * @param headers header names (lower case) to values
     * @param uri the URI that answered, after redirects
     * @param body the body, read as it arrives; closed by {@link #close()}
     * @throws NullPointerException if an argument is {@code null}
     */
    public HttpStream(int status, Map<String, List<String>> headers, URI uri, InputStream body) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.uri = Objects.requireNonNull(uri, "uri");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * Returns a stream over a reply that was already read whole.
     *
     * @param reply the reply
     * @return a stream whose body reads the reply's body
     */
    public static HttpStream of(HttpReply reply) {
        return new HttpStream(
                reply.status(), reply.headers(), reply.uri(), new java.io.ByteArrayInputStream(reply.body()));
    }

    /** Returns the status code. */
    public int status() {
        return status;
    }

    /** Returns the header names (lower case) and their values. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in lower case
     * @return the first value, or {@code null} when the reply has no such header
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Returns the URI that answered, after redirects. */
    public URI uri() {
        return uri;
    }

    /**
     * Returns the body. Its reads throw {@link IOException} when the exchange fails, when the body
     * grows past the host's size limit, and, for a guarded stream, when no bytes arrive within the
     * request's timeout ({@link java.net.http.HttpTimeoutException}).
     *
     * @return the body, the same stream on every call
     */
    public InputStream body() {
        return body;
    }

    /** Closes the body and releases the connection; a reply not read to its end is abandoned. */
    @Override
    public void close() throws IOException {
        body.close();
    }
}
