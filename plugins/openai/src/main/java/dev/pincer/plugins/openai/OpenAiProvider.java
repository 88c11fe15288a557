package dev.pincer.plugins.openai;

import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.EnvAccess;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.api.access.HttpStream;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers chat requests through an OpenAI-compatible {@code POST /chat/completions}: OpenAI itself,
 * or a server that speaks its wire format (Ollama, llama.cpp, vLLM, LM Studio).
 *
 * <p>Every request goes through the plugin's guarded {@link HttpAccess}, and the API key comes from
 * the granted environment variable. A 429 or 503 answer is tried again up to {@code max_retries}
 * times, waiting as {@code Retry-After} asks (at most {@link RetryAfter#MAX}) but never past the
 * request's timeout. Every failure is a {@link dev.pincer.api.PluginException} that names the
 * server and the setting or command that fixes it. Thread-safe: requests share no state.
 *
 * @since 0.1.0
 */
final class OpenAiProvider implements Provider {

    /** The provider's id, as configuration names it. */
    static final String ID = "openai";

    /** The most of an error reply read to quote its message. */
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private final OpenAiSettings settings;
    private final HttpAccess http;
    private final EnvAccess env;
    private final Sleeper sleeper;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Failures failures;
    private final WireRequest requests;
    private final WireResponse responses;

    OpenAiProvider(OpenAiSettings settings, HttpAccess http, EnvAccess env, Sleeper sleeper, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.env = Objects.requireNonNull(env, "env");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failures = new Failures(settings, json);
        this.requests = new WireRequest(json);
        this.responses = new WireResponse(json, failures);
    }

    /**
     * Creates a provider that reaches the API through {@code http} and reads the key from {@code env}.
     *
     * @param settings the settings
     * @param http the plugin's guarded HTTP client
     * @param env the plugin's granted environment
     */
    OpenAiProvider(OpenAiSettings settings, HttpAccess http, EnvAccess env) {
        this(settings, http, env, wait -> Thread.sleep(wait.toMillis()), Clock.systemUTC());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> models() {
        return settings.models();
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws Exception {
        Objects.requireNonNull(request, "request");
        ToolNames names = ToolNames.of(request);
        byte[] body = requests.body(request, names, settings, false);
        try (HttpStream reply = exchange(request, body, false)) {
            return responses.parse(reply.body().readAllBytes(), names);
        }
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> deltas) throws Exception {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(deltas, "deltas");
        ToolNames names = ToolNames.of(request);
        byte[] body = requests.body(request, names, settings, true);
        try (HttpStream reply = exchange(request, body, true)) {
            String type = Optional.ofNullable(reply.header("content-type")).orElse("");
            if (type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                // A server that ignores "stream": the whole answer at once.
                ChatResponse whole = responses.parse(reply.body().readAllBytes(), names);
                if (!whole.text().isEmpty()) {
                    deltas.accept(whole.text());
                }
                return whole;
            }
            return assemble(reply.body(), new StreamAssembler(json, failures, names, deltas));
        }
    }

    private ChatResponse assemble(InputStream events, StreamAssembler assembler) {
        long[] lastData = {System.nanoTime()};
        try {
            ServerSentEvents.read(events, data -> {
                lastData[0] = System.nanoTime();
                return assembler.onData(data);
            });
        } catch (HttpTimeoutException e) {
            throw failures.timeout(Duration.ofNanos(System.nanoTime() - lastData[0]), true, e);
        } catch (IOException e) {
            throw failures.broken(e);
        }
        return assembler.finish();
    }

    /**
     * Sends {@code body} until the server answers other than 429 or 503, or the attempts or the
     * time run out; returns a successful reply open, and throws for any other.
     */
    private HttpStream exchange(ChatRequest request, byte[] body, boolean streaming) throws Exception {
        Map<String, List<String>> headers = headers(streaming);
        long start = System.nanoTime();
        long deadline = start + settings.timeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            Duration limit = streaming
                    ? settings.timeout()
                    : Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
            HttpRequest post = new HttpRequest("POST", settings.endpoint(), headers, body, limit);
            HttpStream reply = send(post, streaming, start);
            int status = reply.status();
            if (status >= 200 && status < 300) {
                return reply;
            }
            byte[] error = drain(reply);
            if (status == 429 || status == 503) {
                Duration wait = RetryAfter.wait(reply.header("retry-after"), attempt, clock.instant());
                if (attempt > settings.maxRetries()) {
                    throw failures.exhausted(status, attempt, error);
                }
                if (System.nanoTime() + wait.toNanos() > deadline) {
                    throw failures.waitPastTimeout(status, attempt, error, wait);
                }
                sleeper.sleep(wait);
                continue;
            }
            throw switch (status) {
                case 401, 403 -> failures.refusedKey(status, error);
                case 404 -> failures.notFound(request.model(), error);
                default -> failures.httpError(status, error);
            };
        }
    }

    private HttpStream send(HttpRequest post, boolean streaming, long start) {
        try {
            return streaming ? http.open(post) : HttpStream.of(http.send(post));
        } catch (HttpTimeoutException e) {
            throw failures.timeout(Duration.ofNanos(System.nanoTime() - start), false, e);
        } catch (AccessDeniedException e) {
            throw failures.denied(e);
        } catch (IOException e) {
            throw failures.unreachable(e);
        }
    }

    private Map<String, List<String>> headers(boolean streaming) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Accept", List.of(streaming ? "text/event-stream" : "application/json"));
        if (settings.needsKey()) {
            String name = settings.apiKeyEnv();
            String key = env.get(name).map(String::strip).orElse("");
            if (key.isEmpty()) {
                throw env.granted().contains(name) ? failures.missingKey() : failures.keyNotGranted();
            }
            headers.put("Authorization", List.of("Bearer " + key));
        }
        return headers;
    }

    /** Reads what there is of an error reply, up to {@link #MAX_ERROR_BYTES}, and closes it. */
    private static byte[] drain(HttpStream reply) {
        try (reply) {
            return reply.body().readNBytes(MAX_ERROR_BYTES);
        } catch (IOException e) {
            return new byte[0]; // The status alone still says what went wrong.
        }
    }
}
