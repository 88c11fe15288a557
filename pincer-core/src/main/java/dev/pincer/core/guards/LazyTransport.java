package dev.pincer.core.guards;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Starts the real transport on the first exchange, so a host whose plugins never use HTTP never
 * starts an HTTP client (its threads and selectors).
 *
 * <p>Thread-safe.
 */
final class LazyTransport implements HttpTransport {

    private final Supplier<HttpTransport> starter;
    private HttpTransport started;
    private boolean closed;

    LazyTransport(Supplier<HttpTransport> starter) {
        this.starter = starter;
    }

    @Override
    public Reply exchange(PinnedRequest request) throws IOException {
        return transport().exchange(request);
    }

    @Override
    public Streamed open(PinnedRequest request, Duration idle) throws IOException {
        return transport().open(request, idle);
    }

    private synchronized HttpTransport transport() throws IOException {
        if (closed) {
            throw new IOException("the host is shutting down; its HTTP client is stopped");
        }
        if (started == null) {
            started = starter.get();
        }
        return started;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (started != null) {
            started.close();
        }
    }
}
