package dev.pincer.plugins.openai;

import static dev.pincer.plugins.openai.FakeOpenAi.completion;
import static dev.pincer.plugins.openai.FakeOpenAi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.PluginException;
import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user reads when the model cannot be reached or refuses, and that no failure hangs. */
class FailuresTest {

    private static final ChatRequest HI = ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Hi")));
    private static final String SECTION = "[plugins.entries.openai.config]";

    @TempDir
    Path data;

    private Rig rig;

    private Rig rig() throws Exception {
        rig = new Rig(data);
        return rig;
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void saysTheKeyWasRefusedAndWhichVariableToCheck() throws Exception {
        rig().server
                .then(
                        json(
                                401,
                                "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-***789.\",\"code\":\"invalid_api_key\"}}"));

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessage("127.0.0.1 refused the API key (HTTP 401: Incorrect API key provided: sk-test-***789.);"
                        + " check the key in the environment variable OPENAI_API_KEY and that it may use the model the"
                        + " request names")
                .extracting(e -> ((PluginException) e).code())
                .isEqualTo("openai.unauthorized");
    }

    @Test
    void saysWhichVariableToExportWhenTheKeyIsMissingAndSendsNothing() throws Exception {
        rig = new Rig(data, true, Map.of());

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessage("the openai provider needs an API key in the environment variable OPENAI_API_KEY, which is"
                        + " not set; export OPENAI_API_KEY=<your key> before starting Pincer, or set api_key_env = \"\""
                        + " in " + SECTION + " for a server without keys (Ollama, llama.cpp)");
        assertThat(rig.server.received()).isEmpty();
    }

    @Test
    void saysWhenTheKeyVariableWasNotApproved() throws Exception {
        rig();
        OpenAiProvider provider = rig.provider(rig.host.plugin(List.of(rig.server.hostPort()), Set.of()));

        assertThatThrownBy(() -> provider.chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessage("the openai plugin may not read the environment variable OPENAI_API_KEY: its approved"
                        + " permissions do not include it; run `pincer plugins approve openai`");
    }

    @Test
    void quotesTheModelAndTheBaseUrlOnNotFound() throws Exception {
        rig().server.then(json(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist.\"}}"));

        assertThatThrownBy(() -> rig.provider().chat(ChatRequest.of("gpt-9", List.of(ChatMessage.user("Hi")))))
                .isInstanceOf(PluginException.class)
                .hasMessage(rig.server.baseUrl() + "/chat/completions answered HTTP 404: The model `gpt-9` does not"
                        + " exist.: either the model \"gpt-9\" is unknown there or base_url \"" + rig.server.baseUrl()
                        + "\" is wrong (it is the part before /chat/completions, e.g. https://api.openai.com/v1);"
                        + " check model and base_url in " + SECTION);
    }

    @Test
    void triesAgainAfterARateLimitAsRetryAfterAsks() throws Exception {
        rig().server
                .then(json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", "1"))
                .then(completion("{\"role\":\"assistant\",\"content\":\"finally\"}", "stop"));

        assertThat(rig.provider().chat(HI).text()).isEqualTo("finally");
        assertThat(rig.sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(rig.server.received()).hasSize(2);
    }

    @Test
    void givesUpAfterMaxRetriesWithAMessageThatSaysWhatToDo() throws Exception {
        rig().server
                .then(json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", "2"))
                .then(json(503, "{\"error\":{\"message\":\"Overloaded\"}}"))
                .then(json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", "120"));

        assertThatThrownBy(() -> rig.provider("max_retries", 2).chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessage("rate limited by 127.0.0.1 after 3 attempts (HTTP 429: Rate limit reached); try again later"
                        + " or raise max_retries in " + SECTION);
        assertThat(rig.sleeps)
                .as("Retry-After, then doubling back-off")
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(rig.server.received()).hasSize(3);
    }

    @Test
    void neverWaitsPastTheRequestsTimeout() throws Exception {
        rig().server.then(json(503, "{\"error\":{\"message\":\"Overloaded\"}}", "Retry-After", "20"));

        assertThatThrownBy(() -> rig.provider("timeout", "5s").chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessage("127.0.0.1 was unavailable after 1 attempt (HTTP 503: Overloaded) and asked to wait 20s,"
                        + " longer than the timeout of 5s leaves; try again later or raise timeout in " + SECTION);
        assertThat(rig.sleeps).isEmpty();
    }

    @Test
    void quotesTheApisErrorMessageForOtherStatuses() throws Exception {
        rig().server
                .then(json(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\"}}"))
                .then(json(400, "<html>" + "x".repeat(5000) + "</html>"));

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessage(rig.server.baseUrl() + "/chat/completions answered HTTP 500: The server had an error while"
                        + " processing your request.");
        assertThatThrownBy(() -> rig.provider().chat(HI))
                .hasMessage(rig.server.baseUrl() + "/chat/completions answered HTTP 400 without an error message");
    }

    @Test
    void truncatesALongErrorMessage() throws Exception {
        rig().server.then(json(400, "{\"error\":{\"message\":\"" + "y".repeat(1000) + "\"}}"));

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .hasMessage(rig.server.baseUrl() + "/chat/completions answered HTTP 400: " + "y".repeat(300) + "…");
    }

    @Test
    void endsARequestTheServerNeverAnswers() throws Exception {
        rig().server.then(rig.server.stall());
        long started = System.nanoTime();

        assertThatThrownBy(() -> rig.provider("timeout", "500ms").chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessage("no answer from " + rig.server.baseUrl() + " within 500ms (timeout in " + SECTION + ")");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void refusesAReplyThatIsNotJson() throws Exception {
        rig().server.then(json(200, "{\"choices\": [ {\"message\": "));

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith(rig.server.baseUrl() + "/chat/completions answered with something that is not"
                        + " a chat completion (not valid JSON: ")
                .hasMessageEndingWith("): {\"choices\": [ {\"message\":; check that base_url points at an"
                        + " OpenAI-compatible API");
    }

    @Test
    void refusesJsonThatIsNotACompletion() throws Exception {
        rig().server.then(json(200, "{\"models\":[]}"));

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .hasMessage(rig.server.baseUrl() + "/chat/completions answered with something that is not a chat"
                        + " completion (no choices[0].message): {\"models\":[]}; check that base_url points at an"
                        + " OpenAI-compatible API");
    }

    @Test
    void namesThePrivateHostsEntryWhenTheGuardRefusesALocalServer() throws Exception {
        rig = new Rig(data, false, Map.of("OPENAI_API_KEY", Rig.KEY));
        String hostPort = rig.server.hostPort();

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("plugin 'openai' may not reach '" + hostPort + "': '127.0.0.1' is a loopback address;"
                        + " Pincer does not let plugins reach private networks (an operator may allow one host:port in"
                        + " the guard settings' privateHosts); if " + hostPort + " is a model server on this machine"
                        + " or network (Ollama, llama.cpp), let plugins reach it by adding it to the home config:"
                        + " [network] private_hosts = [\"" + hostPort + "\"]");
        assertThat(rig.server.received()).isEmpty();
        assertThat(rig.host.audit())
                .filteredOn(e -> e.kind() == AuditEvent.Kind.HTTP)
                .singleElement()
                .satisfies(e -> assertThat(e.decision()).isEqualTo(Decision.DENIED));
    }

    @Test
    void saysToApproveAgainWhenBaseUrlLeftTheGrant() throws Exception {
        rig();
        OpenAiProvider provider = rig.provider(rig.host.plugin(List.of("api.openai.com"), Set.of("OPENAI_API_KEY")));

        assertThatThrownBy(() -> provider.chat(HI))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("may not reach '" + rig.server.hostPort() + "'")
                .hasMessageEndingWith("; the plugin's network permission follows base_url (" + rig.server.baseUrl()
                        + "), so approve it again with `pincer plugins approve openai`");
        assertThat(rig.server.received()).isEmpty();
    }

    @Test
    void saysWhenNothingListensAtBaseUrl() throws Exception {
        rig();
        String baseUrl = rig.server.baseUrl();
        rig.server.close();

        assertThatThrownBy(() -> rig.provider().chat(HI))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("could not reach " + baseUrl + ": ")
                .hasMessageEndingWith("; check that the server is running and base_url in " + SECTION);
    }
}
