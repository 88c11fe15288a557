package dev.pincer.plugins.openai;

import static dev.pincer.plugins.openai.FakeOpenAi.delta;
import static dev.pincer.plugins.openai.FakeOpenAi.finish;
import static dev.pincer.plugins.openai.FakeOpenAi.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.PluginException;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.ChatResponse.FinishReason;
import dev.pincer.api.provider.ChatResponse.Usage;
import dev.pincer.api.provider.ToolCallRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed replies (Server-Sent Events) through the host's real guarded HTTP client. */
class StreamingTest {

    private static final ChatRequest HI = ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Hi")));

    @TempDir
    Path data;

    private Rig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new Rig(data);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void handsOverTextDeltasWhileTheServerIsStillWriting() throws Exception {
        CountDownLatch sawFirst = new CountDownLatch(1);
        rig.server.then(FakeOpenAi.events(
                List.of(
                        delta("{\"role\":\"assistant\",\"content\":\"\"}"),
                        delta("{\"content\":\"Hel\"}"),
                        delta("{\"content\":\"lo\"}"),
                        finish("stop"),
                        usage(9, 2),
                        "[DONE]"),
                2,
                sawFirst));
        List<String> deltas = new CopyOnWriteArrayList<>();
        List<Long> heldWhenSeen = new CopyOnWriteArrayList<>();

        ChatResponse response = rig.provider().stream(HI, piece -> {
            heldWhenSeen.add(sawFirst.getCount());
            deltas.add(piece);
            sawFirst.countDown();
        });

        assertThat(deltas).containsExactly("Hel", "lo");
        assertThat(heldWhenSeen)
                .as("the first delta arrived while the server held back the rest")
                .startsWith(1L);
        assertThat(response).isEqualTo(new ChatResponse("Hello", List.of(), FinishReason.STOP, new Usage(9, 2)));
        FakeOpenAi.Received sent = rig.server.only();
        assertThat(sent.accept()).isEqualTo("text/event-stream");
        assertThat(sent.body().path("stream").asBoolean()).isTrue();
        assertThat(sent.body().path("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
    }

    @Test
    void assemblesStreamedToolCallsFromTheirPieces() throws Exception {
        rig.server.then(FakeOpenAi.events(
                delta("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_a\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"hello_greet\",\"arguments\":\"\"}}]}"),
                delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"na\"}}]}"),
                delta("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":"
                        + "\"weather\",\"arguments\":\"{\\\"city\\\":\"}}]}"),
                delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"me\\\":\\\"Ada\\\"}\"}}]}"),
                delta("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]}"),
                finish("tool_calls"),
                "[DONE]"));
        ChatRequest request = ChatRequest.of(
                "gpt-4o-mini",
                List.of(
                        ChatMessage.user("Greet Ada."),
                        ChatMessage.assistantCalling("", List.of(new ToolCallRequest("call_0", "hello.greet", "{}"))),
                        ChatMessage.toolResult("call_0", "Hello!")));
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatResponse response = rig.provider().stream(request, deltas::add);

        assertThat(deltas).isEmpty();
        assertThat(response.toolCalls())
                .containsExactly(
                        new ToolCallRequest("call_a", "hello.greet", "{\"name\":\"Ada\"}"),
                        new ToolCallRequest("call_b", "weather", "{\"city\":\"Oslo\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void takesAWholeReplyFromAServerThatIgnoresStreaming() throws Exception {
        rig.server.then(FakeOpenAi.completion("{\"role\":\"assistant\",\"content\":\"all at once\"}", "stop"));
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatResponse response = rig.provider().stream(HI, deltas::add);

        assertThat(deltas).containsExactly("all at once");
        assertThat(response.text()).isEqualTo("all at once");
    }

    @Test
    void refusesAStreamThatEndsWithoutAFinishReasonOrDone() {
        rig.server.then(FakeOpenAi.events(delta("{\"content\":\"Hel\"}")));
        List<String> deltas = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> rig.provider().stream(HI, deltas::add))
                .isInstanceOf(PluginException.class)
                .hasMessage("the streamed reply from " + rig.server.baseUrl() + "/chat/completions ended before the"
                        + " answer was complete (no finish_reason and no data: [DONE]); the server or a proxy dropped"
                        + " the connection, try again");
        assertThat(deltas).containsExactly("Hel");
    }

    @Test
    void refusesAChunkThatIsNotJson() {
        rig.server.then(FakeOpenAi.events(delta("{\"content\":\"Hel\"}"), "{not json", "[DONE]"));

        assertThatThrownBy(() -> rig.provider().stream(HI, piece -> {}))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("http://127.0.0.1:" + rig.server.port() + "/v1/chat/completions answered with"
                        + " something that is not a chat completion (a streamed chunk is not valid JSON")
                .hasMessageEndingWith(": {not json; check that base_url points at an OpenAI-compatible API");
    }

    @Test
    void reportsAnErrorTheServerSendsInTheStream() {
        rig.server.then(FakeOpenAi.events(
                delta("{\"content\":\"Hel\"}"),
                "{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}"));

        assertThatThrownBy(() -> rig.provider().stream(HI, piece -> {}))
                .isInstanceOf(PluginException.class)
                .hasMessage(rig.server.baseUrl() + "/chat/completions reported an error in the middle of a streamed"
                        + " reply: model overloaded");
    }

    @Test
    void saysWhenTheConnectionBreaksInTheMiddleOfAStream() {
        rig.server.then(exchange -> {
            // Promises more bytes than it sends, then hangs up: the client sees the body end early.
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 10_000);
            exchange.getResponseBody()
                    .write(("data: " + delta("{\"content\":\"Hel\"}") + "\n\n").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        });

        assertThatThrownBy(() -> rig.provider().stream(HI, piece -> {}))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith(
                        "the streamed reply from " + rig.server.baseUrl() + "/chat/completions broke" + " off: ")
                .hasMessageEndingWith("; try again");
    }

    @Test
    void endsAStreamThatFallsSilentForLongerThanTheTimeout() {
        rig.server.then(rig.server.stallAfter(delta("{\"content\":\"Hel\"}")));
        long started = System.nanoTime();

        assertThatThrownBy(() -> rig.provider("timeout", "400ms").stream(HI, piece -> {}))
                .isInstanceOf(PluginException.class)
                .hasMessage("no answer from " + rig.server.baseUrl() + " for 400ms in the middle of a streamed reply"
                        + " (timeout in [plugins.entries.openai.config])");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
