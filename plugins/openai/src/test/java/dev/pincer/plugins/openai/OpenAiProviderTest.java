package dev.pincer.plugins.openai;

import static dev.pincer.plugins.openai.FakeOpenAi.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.ChatResponse.FinishReason;
import dev.pincer.api.provider.ChatResponse.Usage;
import dev.pincer.api.provider.ToolCallRequest;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.audit.AuditEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Whole replies and tool calls, against a loopback server through the host's real guarded HTTP client. */
class OpenAiProviderTest {

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
    void answersAPlainReplyAndSendsTheKeyTheModelAndTheLimits() throws Exception {
        rig.server.then(completion("{\"role\":\"assistant\",\"content\":\"Hello, Ada!\"}", "stop"));
        OpenAiProvider provider = rig.provider("temperature", 0.2);

        ChatResponse response = provider.chat(
                ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")))
                        .withMaxTokens(50));

        assertThat(response).isEqualTo(new ChatResponse("Hello, Ada!", List.of(), FinishReason.STOP, new Usage(11, 7)));
        FakeOpenAi.Received sent = rig.server.only();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.authorization()).isEqualTo("Bearer " + Rig.KEY);
        assertThat(sent.accept()).isEqualTo("application/json");
        assertThat(sent.body().toString())
                .isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":50,\"temperature\":0.2}");
        assertThat(rig.host.audit())
                .filteredOn(e -> e.kind() == AuditEvent.Kind.HTTP)
                .singleElement()
                .satisfies(e -> assertThat(e.target()).isEqualTo(rig.server.baseUrl() + "/chat/completions"))
                .extracting(AuditEvent::outcome)
                .isEqualTo("200");
        assertThat(rig.host.audit().toString()).doesNotContain(Rig.KEY);
    }

    @Test
    void roundTripsToolCallsWithTheirResultsAndMapsUnsafeNamesBothWays() throws Exception {
        rig.server.then(completion(
                "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_2\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"hello_greet\",\"arguments\":\"{\\\"name\\\":\\\"Bob\\\"}\"}}]}",
                "tool_calls"));
        ToolSpec greet = ToolSpec.of("greet", "Greets someone by name.")
                .withInputSchema("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}");
        ChatRequest request = ChatRequest.of(
                        "gpt-4o-mini",
                        List.of(
                                ChatMessage.user("Greet Ada, then Bob."),
                                ChatMessage.assistantCalling(
                                        "",
                                        List.of(new ToolCallRequest("call_1", "hello.greet", "{\"name\":\"Ada\"}"))),
                                ChatMessage.toolResult("call_1", "Hello, Ada!")))
                .withTools(List.of(greet));

        ChatResponse response = rig.provider().chat(request);

        assertThat(response.toolCalls())
                .containsExactly(new ToolCallRequest("call_2", "hello.greet", "{\"name\":\"Bob\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.text()).isEmpty();
        JsonNode body = rig.server.only().body();
        assertThat(body.path("tools").toString())
                .isEqualTo(
                        "[{\"type\":\"function\",\"function\":{\"name\":\"greet\",\"description\":\"Greets someone by"
                                + " name.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}]");
        assertThat(body.path("messages").path(1).toString())
                .isEqualTo(
                        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"hello_greet\",\"arguments\":\"{\\\"name\\\":\\\"Ada\\\"}\"}}]}");
        assertThat(body.path("messages").path(2).toString())
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"Hello, Ada!\"}");
    }

    @Test
    void acceptsTheLooserRepliesOfLocalServers() throws Exception {
        // Some servers send no tool call id, arguments as an object, "stop" with tool calls, and no usage.
        rig.server.then(FakeOpenAi.json(
                200,
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":"
                        + "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}}]},\"finish_reason\":\"stop\"}]}"));

        ChatResponse response = rig.provider().chat(ChatRequest.of("llama3.2", List.of(ChatMessage.user("Hi"))));

        assertThat(response.toolCalls()).containsExactly(new ToolCallRequest("call_0", "greet", "{\"name\":\"Ada\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void mapsFinishReasons() throws Exception {
        rig.server
                .then(completion("{\"role\":\"assistant\",\"content\":\"cut\"}", "length"))
                .then(completion("{\"role\":\"assistant\",\"content\":\"\"}", "content_filter"))
                .then(completion("{\"role\":\"assistant\",\"content\":\"?\"}", "something_new"));
        OpenAiProvider provider = rig.provider();
        ChatRequest request = ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Hi")));

        assertThat(provider.chat(request).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(provider.chat(request).finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(provider.chat(request).finishReason()).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void sendsNoAuthorizationToAServerWithoutKeys() throws Exception {
        rig.server.then(completion("{\"role\":\"assistant\",\"content\":\"ok\"}", "stop"));

        rig.provider("api_key_env", "").chat(ChatRequest.of("llama3.2", List.of(ChatMessage.user("Hi"))));

        assertThat(rig.server.only().authorization()).isNull();
    }

    @Test
    void offersTheDefaultModelFirstThenTheExtraOnes() {
        OpenAiProvider provider = rig.provider("model", "gpt-4o", "models", List.of("gpt-4o-mini", "gpt-4o", "o3"));

        assertThat(provider.id()).isEqualTo("openai");
        assertThat(provider.models()).containsExactly("gpt-4o", "gpt-4o-mini", "o3");
    }
}
