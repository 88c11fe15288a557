package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.api.access.HttpStream;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.permissions.Grant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttpAccess#open} end to end through the real Jetty transport against a loopback server:
 * the same grant, address and redirect checks as {@code send}, the size limit over the whole
 * stream, and the timeout as an idle limit. The names {@code pinned.invalid} and {@code
 * other.invalid} do not exist in DNS; the fake resolver maps them to loopback.
 */
class GuardedHttpStreamTest {

    private static final int CAP = 1000;

    @TempDir
    Path data;

    private HttpServer server;
    private ExecutorService handlers;
    private int port;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch firstRead = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final RecordingSink audit = new RecordingSink();
    private final FakeResolver resolver = new FakeResolver();
    private Guards guards;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
        resolver.map("pinned.invalid", "127.0.0.1")
                .map("other.invalid", "127.0.0.1")
                .map("localhost", "127.0.0.1");
        guards = guards(Set.of("pinned.invalid:" + port, "other.invalid:" + port));
    }

    private Guards guards(Set<String> privateHosts) {
        GuardSettings settings =
                new GuardSettings(CAP, CAP, 3, Duration.ofSeconds(10), CAP, Duration.ofSeconds(5), CAP, privateHosts);
        return new Guards(settings, audit, Map.of(), Clock.systemUTC(), resolver, JettyTransport.start(settings));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (guards != null) {
            guards.close();
        }
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            switch (path) {
                case "/events" -> events(exchange);
                case "/redirect" -> redirect(exchange, "http://pinned.invalid:" + port + "/events");
                case "/redirect-ungranted" -> redirect(exchange, "http://127.0.0.1:" + port + "/secret");
                case "/endless" -> endless(exchange);
                case "/declared-big" -> {
                    exchange.sendResponseHeaders(200, 5000);
                    quietly(exchange, new byte[5000]);
                }
                case "/stall-after-first" -> stallAfterFirst(exchange);
                case "/stall-before-headers" -> await(release);
                default -> {
                    byte[] body = ("hello from " + path).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        }
    }

    /** Sends one event, waits until the test has read it, then sends the rest. */
    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        await(firstRead);
        out.write("data: two\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void endless(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < 200; i++) {
                out.write(new byte[100]);
                out.flush();
            }
        } catch (IOException clientHungUp) {
            // The guard stops reading at its limit and aborts; the server sees a broken connection.
        }
    }

    private void stallAfterFirst(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        await(release);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void quietly(HttpExchange exchange, byte[] body) {
        try {
            exchange.getResponseBody().write(body);
        } catch (IOException clientHungUp) {
            // Expected when the guard refuses the declared length.
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpAccess http(String... network) {
        return http(guards, network);
    }

    private HttpAccess http(Guards from, String... network) {
        return from.forPlugin("llm", new Grant(List.of(network), List.of(), Set.of(), false), data)
                .http();
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    private static HttpRequest get(String url, Duration timeout) {
        return new HttpRequest("GET", URI.create(url), Map.of(), null, timeout);
    }

    @Test
    void handsOverTheFirstEventBeforeTheServerSendsTheRest() throws Exception {
        HttpAccess http = http("pinned.invalid:" + port);
        try (HttpStream stream = http.open(HttpRequest.get(url("pinned.invalid", "/events")))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).isEqualTo("text/event-stream");
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("data: one");
            assertThat(release.getCount()).isOne();
            firstRead.countDown();
            assertThat(lines.lines()).containsExactly("", "data: two", "", "data: [DONE]", "");
        }
        assertThat(resolver.calls("pinned.invalid")).isEqualTo(1);
        assertThat(audit.events())
                .singleElement()
                .satisfies(e -> assertThat(e.decision()).isEqualTo(Decision.ALLOWED))
                .satisfies(e -> assertThat(e.target()).isEqualTo(url("pinned.invalid", "/events")))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("200"));
    }

    @Test
    void refusesAStreamToAHostOutsideTheGrantAndSendsNothing() {
        HttpAccess http = http("pinned.invalid:" + port);
        assertThatThrownBy(() -> http.open(HttpRequest.get(url("other.invalid", "/events"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("plugin 'llm' may not reach 'other.invalid:" + port + "': not in its network grant"
                        + " (granted: pinned.invalid:" + port + "); run `pincer plugins inspect llm`");
        assertThat(hits).isEmpty();
        assertThat(resolver.calls("other.invalid")).isZero();
        assertThat(audit.denied()).singleElement().satisfies(e -> assertThat(e.target())
                .isEqualTo(url("other.invalid", "/events")));
    }

    @Test
    void refusesLoopbackUnlessTheOperatorListedItAsAPrivateHost() {
        Guards strict = guards(Set.of());
        try {
            HttpAccess http = http(strict, "localhost:" + port);
            assertThatThrownBy(() -> http.open(HttpRequest.get(url("localhost", "/events"))))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("may not reach 'localhost:" + port + "'")
                    .hasMessageContaining("'localhost' resolves to 127.0.0.1, a loopback address")
                    .hasMessageContaining("privateHosts");
            assertThat(hits).isEmpty();
        } finally {
            strict.close();
        }
    }

    @Test
    void followsARedirectToAGrantedHostAndRefusesOneOutsideTheGrant() throws Exception {
        HttpAccess http = http("pinned.invalid:" + port);
        firstRead.countDown();
        try (HttpStream stream = http.open(HttpRequest.get(url("pinned.invalid", "/redirect")))) {
            assertThat(stream.uri()).isEqualTo(URI.create(url("pinned.invalid", "/events")));
            assertThat(new String(stream.body().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("data: one");
        }
        assertThat(audit.events()).extracting(AuditEvent::outcome).containsExactly("302", "200");

        assertThatThrownBy(() -> http.open(HttpRequest.get(url("pinned.invalid", "/redirect-ungranted"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("may not reach '127.0.0.1:" + port + "' (redirected from");
        assertThat(hits).doesNotContainKey("/secret");
    }

    @Test
    void cutsAStreamThatGrowsPastTheSizeLimitWithAClearError() throws Exception {
        HttpAccess http = http("pinned.invalid:" + port);
        try (HttpStream stream = http.open(HttpRequest.get(url("pinned.invalid", "/endless")))) {
            InputStream body = stream.body();
            byte[] buffer = new byte[64];
            long[] read = {0};
            assertThatThrownBy(() -> {
                        for (int n; (n = body.read(buffer)) != -1; ) {
                            read[0] += n;
                        }
                    })
                    .isInstanceOf(IOException.class)
                    .hasMessage("the reply from 'pinned.invalid' is larger than the limit of " + CAP
                            + " bytes; Pincer stopped reading it (raise maxResponseBytes if the plugin needs more)");
            assertThat(read[0]).isLessThanOrEqualTo(CAP);
            assertThatThrownBy(body::read).as("stays cut").isInstanceOf(IOException.class);
        }
    }

    @Test
    void refusesAReplyThatDeclaresABodyPastTheSizeLimit() {
        HttpAccess http = http("pinned.invalid:" + port);
        assertThatThrownBy(() -> http.open(HttpRequest.get(url("pinned.invalid", "/declared-big"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the reply from 'pinned.invalid' is larger than the limit of " + CAP);
    }

    @Test
    void endsAStreamThatFallsSilentForLongerThanTheTimeout() throws Exception {
        HttpAccess http = http("pinned.invalid:" + port);
        long started = System.nanoTime();
        try (HttpStream stream = http.open(get(url("pinned.invalid", "/stall-after-first"), Duration.ofMillis(300)))) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("data: one");
            assertThat(lines.readLine()).isEmpty();
            assertThatThrownBy(lines::readLine)
                    .isInstanceOf(HttpTimeoutException.class)
                    .hasMessage("no data from 'pinned.invalid' for 300 ms; Pincer stopped waiting for the rest of"
                            + " the reply (the request's timeout is the longest silence a stream may have)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void endsARequestWhoseServerNeverAnswersWithinTheTimeout() {
        HttpAccess http = http("pinned.invalid:" + port);
        assertThatThrownBy(() -> http.open(get(url("pinned.invalid", "/stall-before-headers"), Duration.ofMillis(300))))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageMatching("HTTP request to 'pinned.invalid' timed out after (299|300) ms");
        assertThat(audit.last().outcome()).isEqualTo("failed");
    }

    @Test
    void closingBeforeTheEndAbandonsTheRestAndTheClientStaysUsable() throws Exception {
        HttpAccess http = http("pinned.invalid:" + port);
        try (HttpStream stream = http.open(HttpRequest.get(url("pinned.invalid", "/stall-after-first")))) {
            assertThat(stream.body().read(new byte[5])).isPositive();
        }
        try (HttpStream again = http.open(HttpRequest.get(url("pinned.invalid", "/plain")))) {
            assertThat(new String(again.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("hello from /plain");
        }
    }
}
