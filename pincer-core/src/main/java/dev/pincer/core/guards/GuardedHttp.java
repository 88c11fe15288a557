package dev.pincer.core.guards;

import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.HttpReply;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.guards.HttpTransport.PinnedRequest;
import dev.pincer.core.guards.HttpTransport.Reply;
import java.io.IOException;
import java.net.URI;
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
 * Cookie}) are dropped when a redirect leaves the origin. Thread-safe.
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
        Map<String, List<String>> headers = RequestHeaders.clean(request.headers());
        Duration timeout = timeout(request.timeout());
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = request.uri();
        String from = null;
        for (int redirects = 0; ; redirects++) {
            Hop hop = hop(method, uri, from, headers, body, deadline, timeout);
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
            URI next = next(hop.target().uri(), location);
            if (reply.status() == 303 || ((reply.status() == 301 || reply.status() == 302) && method.equals("POST"))) {
                method = method.equals("HEAD") ? "HEAD" : "GET";
                body = new byte[0];
                headers = RequestHeaders.withoutBodyHeaders(headers);
            }
            if (!sameOrigin(hop.target().uri(), next)) {
                headers = RequestHeaders.withoutCredentials(headers);
            }
            from = Redaction.url(hop.target().uri());
            uri = next;
        }
    }

    /** One hop that was sent: where it went and what came back. */
    private record Hop(HttpTarget target, Reply reply) {}

    private Hop hop(
            String method,
            URI uri,
            String from,
            Map<String, List<String>> headers,
            byte[] body,
            long deadline,
            Duration timeout)
            throws IOException {
        Instant started = auditor.now();
        String shown = Redaction.url(uri);
        HttpGate.Passed passed;
        try {
            passed = gate.check(uri);
        } catch (Denial denial) {
            String context = from == null ? "" : " (redirected from " + from + ")";
            auditor.denied(Kind.HTTP, method, shown, denial.reason() + context);
            throw denial.toException(auditor.pluginId(), "reach", context);
        } catch (IOException e) {
            auditor.allowed(Kind.HTTP, method, shown, started, "unresolved");
            throw e;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            auditor.allowed(Kind.HTTP, method, shown, started, "timed out");
            throw new IOException("HTTP request timed out after " + timeout.toMillis() + " ms, before " + shown);
        }
        PinnedRequest pinned = new PinnedRequest(
                method,
                passed.target().uri(),
                passed.address(),
                headers,
                body,
                Duration.ofNanos(left),
                settings.maxResponseBytes());
        Reply reply;
        try {
            reply = transport.exchange(pinned);
        } catch (IOException e) {
            auditor.allowed(Kind.HTTP, method, shown, started, "failed");
            throw e;
        }
        auditor.allowed(Kind.HTTP, method, shown, started, String.valueOf(reply.status()));
        if (reply.body().length > settings.maxResponseBytes()) {
            throw JettyTransport.tooLarge("'" + passed.target().host() + "'", settings.maxResponseBytes());
        }
        return new Hop(passed.target(), reply);
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
