package dev.pincer.plugins.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback server that speaks OpenAI's chat completions wire format from a script: each request
 * to {@code /v1/chat/completions} takes the next scripted answer, and every request is recorded
 * with its headers and JSON body.
 */
final class FakeOpenAi implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One scripted answer. */
    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    /**
     * One request the server received.
     *
     * @param path the request path
     * @param authorization the Authorization header, or {@code null}
     * @param accept the Accept header, or {@code null}
     * @param body the JSON body
     */
    record Received(String path, String authorization, String accept, JsonNode body) {}

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch shutdown = new CountDownLatch(1);

    FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Returns the base URL, {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Returns the {@code host:port} of the server, as {@code private_hosts} lists it. */
    String hostPort() {
        return "127.0.0.1:" + port();
    }

    FakeOpenAi then(Answer answer) {
        script.add(answer);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request, got " + received.size() + ": " + received);
        }
        return received.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Accept"),
                    body.length == 0 ? null : JSON.readTree(body)));
            Answer answer = script.poll();
            if (answer == null) {
                json(500, "{\"error\":{\"message\":\"the fake server has no scripted answer left\"}}")
                        .send(exchange);
            } else {
                answer.send(exchange);
            }
        }
    }

    /** Returns an answer with {@code status}, a JSON body and the given extra headers. */
    static Answer json(int status, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** Returns a completion whose message is {@code message} (a JSON object) and with usage 11/7. */
    static Answer completion(String message, String finishReason) {
        return json(
                200,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{"
                        + "\"index\":0,\"message\":" + message + ",\"finish_reason\":\"" + finishReason + "\"}],"
                        + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}");
    }

    /** Returns a stream of events, each written and flushed on its own; {@code hold} waits before an event. */
    static Answer events(List<String> events, int holdBefore, CountDownLatch hold) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < events.size(); i++) {
                if (i == holdBefore) {
                    await(hold);
                }
                out.write(("data: " + events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    /** Returns a stream of events, all sent without pause. */
    static Answer events(String... events) {
        return events(List.of(events), -1, null);
    }

    /** Returns an answer that sends nothing until the server closes. */
    Answer stall() {
        return exchange -> await(shutdown);
    }

    /** Returns an answer that starts a stream with {@code first} and then stalls. */
    Answer stallAfter(String first) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(("data: " + first + "\n\n").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            await(shutdown);
        };
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fake server waited 20 s for the test");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /** Returns {@code chunk} with choices[0].delta set to {@code delta} (a JSON object). */
    static String delta(String delta) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"finish_reason\":null}]}";
    }

    /** Returns a chunk that ends the choice with {@code reason}. */
    static String finish(String reason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"" + reason + "\"}]}";
    }

    /** Returns the final usage chunk of a stream asked for with include_usage. */
    static String usage(int input, int output) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{"
                + "\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output + "}}";
    }

    static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> config = new java.util.HashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }
}
