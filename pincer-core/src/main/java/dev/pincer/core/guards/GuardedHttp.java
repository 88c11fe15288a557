package dev.pincer.core.guards;

import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.HttpReply;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.api.access.HttpStream;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.guards.HttpTransport.PinnedRequest;
import dev.pincer.core.guards.HttpTransport.Reply;
import dev.pincer.core.guards.HttpTransport.Streamed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP service of one plugin: checks every hop with the {@link HttpGate} (grant, one DNS
 * resolution, every address public), sends it pinned to the checked address through the {@link
 * HttpTransport}, and follows redirects itself, checking each one the same way.
 *
 * <p>Every hop is audited (kind HTTP, action the method, target the URL without user information
 * or query values); header values and bodies never are. Credentials ({@code Authorization}, {@code
 * Cookie}) are dropped when a redirect leaves the origin. {@link #open} checks, pins, follows and
 * audits exactly like {@link #send}; its audit event is recorded when the status arrives, and the
 * size limit applies to all the bytes read from the stream together. Thread-safe.
 *
 * @since 0.1.0
 */
final class GuardedHttp implements HttpAccess {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpGate gate;
    private final HttpTransport transport;
    private final GuardSettings settings;
    private final Auditor auditor;

    GuardedHttp(HttpGate gate, HttpTransport transport, GuardSettings settings, Auditor auditor) {
        this.gate = gate;
        this.transport = transport;
        this.settings = settings;
        this.auditor = auditor;
    }

    @Override
    public HttpReply send(HttpRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        Step step = first(request);
        Duration timeout = timeout(request.timeout());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int redirects = 0; ; redirects++) {
            Hop hop = hop(step, deadline, timeout);
            Reply reply = hop.reply();
            String location = reply.header("location");
            if (!REDIRECTS.contains(reply.status()) || location == null) {
                return new HttpReply(
                        reply.status(),
                        reply.headers(),
                        reply.body(),
                        hop.target().uri());
            }
            if (redirects == settings.maxRedirects()) {
                throw new IOException("too many redirects: " + Redaction.url(request.uri()) + " redirected more than "
                        + settings.maxRedirects() + " times");
            }
            step = step.redirected(
                    hop.target().uri(), reply.status(), next(hop.target().uri(), location));
        }
    }

    @Override
    public HttpStream open(HttpRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        Step step = first(request);
        Duration timeout = timeout(request.timeout());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int redirects = 0; ; redirects++) {
            OpenHop hop = openHop(step, deadline, timeout);
            Streamed reply = hop.reply();
            String location = reply.header("location");
            if (!REDIRECTS.contains(reply.status()) || location == null) {
                String where = "'" + hop.target().host() + "'";
                return new HttpStream(
                        reply.status(),
                        reply.headers(),
                        hop.target().uri(),
                        new CappedBody(reply.body(), settings.maxResponseBytes(), where));
            }
            reply.body().close();
            if (redirects == settings.maxRedirects()) {
                throw new IOException("too many redirects: " + Redaction.url(request.uri()) + " redirected more than "
                        + settings.maxRedirects() + " times");
            }
            step = step.redirected(
                    hop.target().uri(), reply.status(), next(hop.target().uri(), location));
        }
    }

    /**
     * What one hop sends.
     *
     * @param method the method
     * @param uri the URL as asked for (checked by the hop)
     * @param headers the cleaned headers
     * @param body the body
     * @param from the redacted URL that redirected here, or {@code null} for the first hop
     */
    private record Step(String method, URI uri, Map<String, List<String>> headers, byte[] body, String from) {

        /** Returns the step a redirect with {@code status} from {@code current} to {@code next} asks for. */
        Step redirected(URI current, int status, URI next) {
            String nextMethod = method;
            byte[] nextBody = body;
            Map<String, List<String>> nextHeaders = headers;
            if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                nextMethod = method.equals("HEAD") ? "HEAD" : "GET";
                nextBody = new byte[0];
                nextHeaders = RequestHeaders.withoutBodyHeaders(nextHeaders);
            }
            if (!sameOrigin(current, next)) {
                nextHeaders = RequestHeaders.withoutCredentials(nextHeaders);
            }
            return new Step(nextMethod, next, nextHeaders, nextBody, Redaction.url(current));
        }
    }

    private Step first(HttpRequest request) throws IOException {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            String reason = "method '" + request.method() + "' is not allowed (allowed: GET, HEAD, POST, PUT, PATCH,"
                    + " DELETE, OPTIONS)";
            Denial denial = new Denial(Redaction.url(request.uri()), reason);
            auditor.denied(Kind.HTTP, request.method(), denial.subject(), reason);
            throw denial.toException(auditor.pluginId(), "send to");
        }
        byte[] body = request.body();
        if (body.length > settings.maxRequestBytes()) {
            throw new IOException("the request body of " + body.length + " bytes is larger than the limit of "
                    + settings.maxRequestBytes() + " bytes; nothing was sent");
        }
        return new Step(method, request.uri(), RequestHeaders.clean(request.headers()), body, null);
    }

    /** One hop that was sent: where it went and what came back. */
    private record Hop(HttpTarget target, Reply reply) {}

    private Hop hop(Step step, long deadline, Duration timeout) throws IOException {
        Instant started = auditor.now();
        String shown = Redaction.url(step.uri());
        HttpGate.Passed passed = pass(step, shown, started);
        PinnedRequest pinned = pinned(step, passed, deadline, timeout, shown, started);
        Reply reply;
        try {
            reply = transport.exchange(pinned);
        } catch (IOException e) {
            auditor.allowed(Kind.HTTP, step.method(), shown, started, "failed");
            throw e;
        }
        auditor.allowed(Kind.HTTP, step.method(), shown, started, String.valueOf(reply.status()));
        if (reply.body().length > settings.maxResponseBytes()) {
            throw JettyTransport.tooLarge("'" + passed.target().host() + "'", settings.maxResponseBytes());
        }
        return new Hop(passed.target(), reply);
    }

    /** One hop that was opened: where it went and the reply, whose body is still to be read. */
    private record OpenHop(HttpTarget target, Streamed reply) {}

    private OpenHop openHop(Step step, long deadline, Duration timeout) throws IOException {
        Instant started = auditor.now();
        String shown = Redaction.url(step.uri());
        HttpGate.Passed passed = pass(step, shown, started);
        PinnedRequest pinned = pinned(step, passed, deadline, timeout, shown, started);
        Streamed reply;
        try {
            reply = transport.open(pinned, timeout);
        } catch (IOException e) {
            auditor.allowed(Kind.HTTP, step.method(), shown, started, "failed");
            throw e;
        }
        auditor.allowed(Kind.HTTP, step.method(), shown, started, String.valueOf(reply.status()));
        String declared = reply.header("content-length");
        if (declared != null
                && declared.trim().matches("[0-9]{1,18}")
                && Long.parseLong(declared.trim()) > settings.maxResponseBytes()) {
            reply.body().close();
            throw JettyTransport.tooLarge("'" + passed.target().host() + "'", settings.maxResponseBytes());
        }
        return new OpenHop(passed.target(), reply);
    }

    /** Returns the hop pinned to the checked address, with the time left, or throws if none is left. */
    private PinnedRequest pinned(
            Step step, HttpGate.Passed passed, long deadline, Duration timeout, String shown, Instant started)
            throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            auditor.allowed(Kind.HTTP, step.method(), shown, started, "timed out");
            throw new HttpTimeoutException(
                    "HTTP request timed out after " + timeout.toMillis() + " ms, before " + shown);
        }
        return new PinnedRequest(
                step.method(),
                passed.target().uri(),
                passed.address(),
                step.headers(),
                step.body(),
                Duration.ofNanos(left),
                settings.maxResponseBytes());
    }

    /** Checks the hop with the gate, auditing a refusal or a failed lookup. */
    private HttpGate.Passed pass(Step step, String shown, Instant started) throws IOException {
        try {
            return gate.check(step.uri());
        } catch (Denial denial) {
            String context = step.from() == null ? "" : " (redirected from " + step.from() + ")";
            auditor.denied(Kind.HTTP, step.method(), shown, denial.reason() + context);
            throw denial.toException(auditor.pluginId(), "reach", context);
        } catch (IOException e) {
            auditor.allowed(Kind.HTTP, step.method(), shown, started, "unresolved");
            throw e;
        }
    }

    private Duration timeout(Duration asked) {
        Duration limit = settings.httpTimeout();
        return asked == null || asked.isNegative() || asked.isZero() || asked.compareTo(limit) > 0 ? limit : asked;
    }

    private static URI next(URI current, String location) throws IOException {
        try {
            return current.resolve(new URI(location.trim()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the redirect from " + Redaction.url(current) + " has an invalid Location header");
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), lower(b.getScheme()))
                && Objects.equals(a.getHost(), lower(b.getHost()))
                && a.getPort() == b.getPort();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
