package dev.pincer.core.guards;

import dev.pincer.core.guards.PinnedSocketAddressResolver.Pin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Sends pinned HTTP exchanges with Jetty's {@link HttpClient}, configured so that it never decides
 * anything on its own: no redirects, no redirect cache, no cookies, no authentication or other
 * protocol handlers, and no name resolution (the {@link PinnedSocketAddressResolver} hands it the
 * checked address). TLS still uses the URL's host name for SNI and certificate checks.
 *
 * <p>Thread-safe. {@link #close()} stops the client and its threads.
 *
 * @since 0.1.0
 */
public final class JettyTransport implements HttpTransport {

    private final HttpClient client;

    private JettyTransport(HttpClient client) {
        this.client = client;
    }

    /**
     * Starts a transport.
     *
     * @param settings the limits; the connect and idle timeouts follow {@link
     *     GuardSettings#httpTimeout()}
     * @throws IllegalStateException if Jetty cannot start
     */
    public static JettyTransport start(GuardSettings settings) {
        // The client often starts, and adds threads, on a plugin's call thread. A new thread takes
        // its creator's context class loader, and a plugin's threads are found (and interrupted)
        // at unload by that loader, so every thread of the client is given the host's instead.
        ClassLoader hostLoader = JettyTransport.class.getClassLoader();
        QueuedThreadPool threads = new QueuedThreadPool() {
            @Override
            public Thread newThread(Runnable runnable) {
                Thread thread = super.newThread(runnable);
                thread.setContextClassLoader(hostLoader);
                return thread;
            }
        };
        threads.setName("pincer-http");
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("pincer-guarded-http-scheduler", true, hostLoader));
        client.setName("pincer-guarded-http");
        client.setFollowRedirects(false);
        client.setMaxRedirects(0);
        client.setRedirectCache(null);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setSocketAddressResolver(new PinnedSocketAddressResolver());
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setEndpointIdentificationAlgorithm("HTTPS"); // check the certificate against the host name
        client.setSslContextFactory(tls);
        client.setConnectTimeout(settings.httpTimeout().toMillis());
        client.setIdleTimeout(settings.httpTimeout().toMillis());
        // Destinations are per checked address; drop idle ones so the map does not grow.
        client.setDestinationIdleTimeout(60_000);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the guarded HTTP client could not start: " + e.getMessage(), e);
        }
        // Jetty installs its protocol handlers (redirects, authentication, 100-continue, upgrade) when
        // it starts, so they are removed after: a 401 without a challenge reaches the plugin as a 401.
        client.getProtocolHandlers().clear();
        return new JettyTransport(client);
    }

    @Override
    public Reply exchange(PinnedRequest pinned) throws IOException {
        long millis = Math.max(1, pinned.timeout().toMillis());
        Request request = request(pinned).timeout(millis, TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        String where = where(pinned);
        Response response = headers(request, listener, millis, where);
        byte[] content = read(request, listener, response, pinned.maxResponseBytes(), where);
        return new Reply(response.getStatus(), headers(response), content);
    }

    @Override
    public Streamed open(PinnedRequest pinned, Duration idle) throws IOException {
        long millis = Math.max(1, pinned.timeout().toMillis());
        long idleMillis = Math.max(1, idle.toMillis());
        // No total timeout: a stream may last as long as data keeps coming; the idle timeout ends a silent one.
        Request request = request(pinned).idleTimeout(idleMillis, TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        String where = where(pinned);
        Response response = headers(request, listener, millis, where);
        long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > pinned.maxResponseBytes()) {
            IOException tooBig = tooLarge(where, pinned.maxResponseBytes());
            request.abort(tooBig);
            throw tooBig;
        }
        return new Streamed(
                response.getStatus(),
                headers(response),
                new StreamedBody(listener.getInputStream(), request, where, idleMillis));
    }

    private Request request(PinnedRequest pinned) {
        Request request = client.newRequest(pinned.uri())
                .method(pinned.method())
                .tag(new Pin(pinned.uri().getHost(), pinned.address()))
                .followRedirects(false)
                .headers(h -> pinned.headers().forEach((name, values) -> values.forEach(v -> h.add(name, v))));
        byte[] body = pinned.body();
        if (body.length > 0) {
            request.body(new BytesRequestContent(body));
        }
        return request;
    }

    private static String where(PinnedRequest pinned) {
        return "'" + pinned.uri().getHost() + "'";
    }

    /** Waits up to {@code millis} for the status and headers. */
    private static Response headers(Request request, InputStreamResponseListener listener, long millis, String where)
            throws IOException {
        try {
            return listener.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + where);
        } catch (TimeoutException e) {
            request.abort(e);
            throw timedOut("HTTP request to " + where + " timed out after " + millis + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (isTimeout(cause)) {
                throw timedOut("HTTP request to " + where + " timed out after " + millis + " ms", cause);
            }
            throw new IOException("HTTP request to " + where + " failed: " + cause.getMessage(), cause);
        }
    }

    static HttpTimeoutException timedOut(String message, Throwable cause) {
        HttpTimeoutException e = new HttpTimeoutException(message);
        e.initCause(cause);
        return e;
    }

    /** Returns whether {@code failure} or one of its causes is a timeout. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] read(
            Request request, InputStreamResponseListener listener, Response response, long max, String where)
            throws IOException {
        long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > max) {
            IOException tooBig = tooLarge(where, max);
            request.abort(tooBig);
            throw tooBig;
        }
        try (InputStream in = listener.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > max) {
                    IOException tooBig = tooLarge(where, max);
                    request.abort(tooBig);
                    throw tooBig;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw timedOut("HTTP request to " + where + " timed out while its reply was arriving", e);
            }
            throw e;
        }
    }

    static IOException tooLarge(String where, long max) {
        return new IOException("the reply from " + where + " is larger than the limit of " + max
                + " bytes; Pincer stopped reading it (raise maxResponseBytes if the plugin needs more)");
    }

    private static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(field.getValue());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return headers;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the guarded HTTP client did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
