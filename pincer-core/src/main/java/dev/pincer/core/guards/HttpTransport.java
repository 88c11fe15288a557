package dev.pincer.core.guards;

import java.io.IOException;
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
}
