package dev.pincer.core.guards;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one HTTP exchange to an address the guard already checked, without following redirects
 * and without resolving the host name again.
 *
 * <p>Implementations are thread-safe. {@link JettyTransport} is the real one; tests pass fakes that
 * record what they were asked to send.
 *
 * @since 0.1.0
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends {@code request} to {@link PinnedRequest#address()} and reads the reply.
     *
     * @throws IOException if the exchange failed, timed out, or the body exceeded {@link
     *     PinnedRequest#maxResponseBytes()}
     */
    Reply exchange(PinnedRequest request) throws IOException;

    /**
     * Sends {@code request} to {@link PinnedRequest#address()} and returns the reply once its status
     * and headers arrived, with the body still to be read.
     *
     * <p>{@link PinnedRequest#timeout()} bounds the wait for the status and headers; {@code idle}
     * bounds each wait for more of the body, which then throws {@link
     * java.net.http.HttpTimeoutException}. Closing the body before its end aborts the exchange. The
     * default reads the whole reply with {@link #exchange}; fakes in tests rely on it.
     *
     * @param request the hop
     * @param idle the longest wait for more of the body
     * @return the open reply; the caller closes its body
     * @throws IOException if the exchange failed, timed out before the headers, or the reply
     *     declared a body larger than {@link PinnedRequest#maxResponseBytes()}
     */
    default Streamed open(PinnedRequest request, Duration idle) throws IOException {
        Reply reply = exchange(request);
        return new Streamed(reply.status(), reply.headers(), new ByteArrayInputStream(reply.body()));
    }

    /** Releases the transport's connections and threads. */
    @Override
    void close();

    /**
     * One hop, pinned to a checked address.
     *
     * <p>Immutable.
     *
     * @param method the HTTP method
     * @param uri the URL; its host is used for the {@code Host} header, TLS SNI and certificate
     *     checks
     * @param address where to connect: the checked address, never looked up again
     * @param headers request headers, already stripped of those the host sets itself
     * @param body the request body, empty for none
     * @param timeout the time left for this hop
     * @param maxResponseBytes the largest body to read
     * @since 0.1.0
     */
    record PinnedRequest(
            String method,
            URI uri,
            InetAddress address,
            Map<String, List<String>> headers,
            byte[] body,
            Duration timeout,
            long maxResponseBytes) {

        public PinnedRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(address, "address");
            headers = Map.copyOf(headers);
            body = body.clone();
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * The reply to one hop.
     *
     * <p>Immutable.
     *
     * @param status the status code
     * @param headers header names in lower case to values
     * @param body the body
     * @since 0.1.0
     */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        public Reply {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** Returns the first value of header {@code name} (lower case), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * The reply to one hop whose body is read as it arrives.
     *
     * <p>The status and headers are immutable; the body is read by one thread.
     *
     * @param status the status code
     * @param headers header names in lower case to values
     * @param body the body, to be closed by the caller
     * @since 0.1.0
     */
    record Streamed(int status, Map<String, List<String>> headers, InputStream body) {

        public Streamed {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** Returns the first value of header {@code name} (lower case), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
