package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.HttpReply;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.permissions.Grant;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real Jetty transport against a loopback server, allowed only through
 * {@link GuardSettings#privateHosts()}. The host names used ({@code pinned.invalid}) do not exist in
 * DNS, so every success proves Jetty connected to the pinned address without resolving the name.
 */
class JettyTransportTest {

    @TempDir
    Path data;

    private HttpServer server;
    private int port;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> lastAuthorization = new ConcurrentHashMap<>();
    private final RecordingSink audit = new RecordingSink();
    private final FakeResolver resolver = new FakeResolver();
    private Guards guards;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
        resolver.map("pinned.invalid", "127.0.0.1")
                .map("other.invalid", "127.0.0.1")
                .map("localhost", "127.0.0.1");
        GuardSettings settings = new GuardSettings(
                1000,
                1000,
                3,
                Duration.ofSeconds(10),
                1000,
                Duration.ofSeconds(5),
                1000,
                Set.of("pinned.invalid:" + port, "localhost:" + port, "127.0.0.1:" + port));
        guards = new Guards(settings, audit, Map.of(), Clock.systemUTC(), resolver, JettyTransport.start(settings));
    }

    @AfterEach
    void stop() {
        if (guards != null) {
            guards.close();
        }
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            lastAuthorization.put(path, auth);
        }
        switch (path) {
            case "/redirect" -> {
                exchange.getResponseHeaders().add("Location", "http://pinned.invalid:" + port + "/hello");
                exchange.sendResponseHeaders(302, -1);
            }
            case "/redirect-ungranted" -> {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/secret");
                exchange.sendResponseHeaders(302, -1);
            }
            case "/redirect-private" -> {
                exchange.getResponseHeaders().add("Location", "http://other.invalid:" + port + "/secret");
                exchange.sendResponseHeaders(302, -1);
            }
            case "/unauthorized" -> {
                // No WWW-Authenticate challenge, as some APIs answer a bad key.
                byte[] body = "{\"error\":\"bad key\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
            }
            case "/slow-body" -> {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("start".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                try {
                    Thread.sleep(6000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "/big" -> send(exchange, 5000, 5000);
            case "/big-chunked" -> send(exchange, 0, 50_000);
            default -> send(exchange, "hello from " + path);
        }
        exchange.close();
    }

    private static void send(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void send(HttpExchange exchange, long declared, int size) throws IOException {
        exchange.sendResponseHeaders(200, declared);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[size]);
        } catch (IOException clientHungUp) {
            // The guard stops reading at its limit and aborts; the server sees a broken connection.
        }
    }

    private HttpAccess http(String... network) {
        return guards.forPlugin("weather", new Grant(List.of(network), List.of(), Set.of(), false), data)
                .http();
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    @Test
    void connectsToThePinnedAddressWithoutResolvingTheNameAgain() throws Exception {
        HttpReply reply = http("pinned.invalid:" + port).send(HttpRequest.get(url("pinned.invalid", "/hello")));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bodyText()).isEqualTo("hello from /hello");
        assertThat(resolver.calls("pinned.invalid")).isEqualTo(1);
    }

    @Test
    void followsRedirectsAndChecksEachHopWithOneLookupPerHop() throws Exception {
        HttpReply reply = http("pinned.invalid:" + port).send(HttpRequest.get(url("pinned.invalid", "/redirect")));
        assertThat(reply.bodyText()).isEqualTo("hello from /hello");
        assertThat(reply.uri()).isEqualTo(URI.create(url("pinned.invalid", "/hello")));
        assertThat(resolver.calls("pinned.invalid")).isEqualTo(2);
        assertThat(audit.events()).extracting(AuditEvent::outcome).containsExactly("302", "200");
    }

    @Test
    void refusesARedirectOutsideTheGrantAndSendsNothingThere() {
        HttpAccess http = http("pinned.invalid:" + port);
        assertThatThrownBy(() -> http.send(HttpRequest.get(url("pinned.invalid", "/redirect-ungranted"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("may not reach '127.0.0.1:" + port + "' (redirected from");
        assertThat(hits.get("/redirect-ungranted")).hasValue(1);
        assertThat(hits).doesNotContainKey("/secret");
    }

    @Test
    void refusesARedirectToAGrantedNameThatResolvesPrivately() {
        HttpAccess http = http("pinned.invalid:" + port, "other.invalid:" + port);
        assertThatThrownBy(() -> http.send(HttpRequest.get(url("pinned.invalid", "/redirect-private"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("'other.invalid' resolves to 127.0.0.1, a loopback address");
        assertThat(hits).doesNotContainKey("/secret");
    }

    @Test
    void handsA401WithoutAChallengeToThePluginAsItIs() throws Exception {
        HttpAccess http = http("localhost:" + port);
        HttpReply reply = http.send(HttpRequest.get(url("localhost", "/unauthorized")));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.bodyText()).isEqualTo("{\"error\":\"bad key\"}");
        try (var stream = http.open(HttpRequest.get(url("localhost", "/unauthorized")))) {
            assertThat(stream.status()).isEqualTo(401);
            assertThat(new String(stream.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"error\":\"bad key\"}");
        }
    }

    @Test
    void reportsABodyThatOutlastsTheTimeoutAsATimeout() {
        HttpAccess http = http("localhost:" + port);
        HttpRequest request = new HttpRequest(
                // Long enough for the headers to arrive on a loaded machine, shorter than the body's pause.
                "GET", URI.create(url("localhost", "/slow-body")), Map.of(), null, Duration.ofMillis(1500));
        assertThatThrownBy(() -> http.send(request))
                .isInstanceOf(java.net.http.HttpTimeoutException.class)
                .hasMessage("HTTP request to 'localhost' timed out while its reply was arriving");
    }

    @Test
    void stopsReadingARepliesPastTheLimit() {
        HttpAccess http = http("localhost:" + port);
        assertThatThrownBy(() -> http.send(HttpRequest.get(url("localhost", "/big"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the reply from 'localhost' is larger than the limit of 1000 bytes");
        assertThatThrownBy(() -> http.send(HttpRequest.get(url("localhost", "/big-chunked"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is larger than the limit of 1000 bytes");
    }

    @Test
    void sendsTheAuthorizationHeaderButNeverAuditsItsValue() throws Exception {
        HttpRequest request = new HttpRequest(
                "GET",
                URI.create(url("127.0.0.1", "/auth?api_key=QUERY-SECRET")),
                Map.of("Authorization", List.of("Bearer HEADER-SECRET")),
                null,
                null);
        HttpReply reply = http("127.0.0.1:" + port).send(request);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(lastAuthorization.get("/auth")).isEqualTo("Bearer HEADER-SECRET");
        assertThat(audit.everything()).doesNotContain("HEADER-SECRET").doesNotContain("QUERY-SECRET");
        assertThat(audit.last().target()).isEqualTo(url("127.0.0.1", "/auth?api_key=…"));
        assertThat(resolver.totalCalls()).as("a literal is never looked up").isZero();
    }

    @Test
    void jettyGetsNoAddressForADestinationWithoutAPin() {
        Promise.Completable<List<InetSocketAddress>> promise = new Promise.Completable<>();
        new PinnedSocketAddressResolver().resolve("example.com", 443, Map.of(), promise);
        assertThat(promise)
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(java.net.UnknownHostException.class)
                .withMessageContaining("without an address its guard checked");
    }

    @Test
    void noThreadOfTheClientTakesTheContextClassLoaderOfThePluginThatStartedIt() throws Exception {
        ClassLoader plugin = new java.net.URLClassLoader("plugin", new java.net.URL[0], null);
        GuardSettings settings = GuardSettings.defaults().withPrivateHosts(Set.of("pinned.invalid:" + port));
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Guards lazy = new Guards(
                settings,
                audit,
                Map.of(),
                Clock.systemUTC(),
                resolver,
                new LazyTransport(() -> JettyTransport.start(settings)))) {
            Thread call = new Thread(() -> {
                try {
                    lazy.forPlugin(
                                    "weather",
                                    new Grant(List.of("pinned.invalid:" + port), List.of(), Set.of(), false),
                                    data)
                            .http()
                            .send(HttpRequest.get("http://pinned.invalid:" + port + "/ok"));
                } catch (Exception | AssertionError e) {
                    failures.add(e);
                }
            });
            call.setContextClassLoader(plugin);
            call.start();
            call.join();

            assertThat(failures).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(Thread::isAlive)
                    .filteredOn(t -> t.getContextClassLoader() == plugin)
                    .extracting(Thread::getName)
                    .isEmpty();
        }
    }
}
