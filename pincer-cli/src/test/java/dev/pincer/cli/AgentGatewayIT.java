package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.hook.HookPoint;
import dev.pincer.cli.e2e.LoopbackModel;
import dev.pincer.cli.e2e.LoopbackModel.Answer;
import dev.pincer.cli.e2e.RecorderPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted conversation with a real {@code pincer gateway} over its HTTP channel, answered by the
 * bundled OpenAI-compatible provider plugin talking to a loopback server in the real wire format:
 * a pipeline stage, a slash command, memory written and searched through the memory tools, a tool
 * call a {@code before_tool_call} gate blocks, one that succeeds, and the hooks the recorder plugin
 * saw, from start to SIGTERM.
 */
class AgentGatewayIT {

    private static final Path REPO = Path.of(System.getProperty("pincer.repo.root"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The model's side of the conversation: which tool to call for which message, then a reply. */
    private static Answer script(JsonNode request) {
        String last = LoopbackModel.lastText(request);
        if (LoopbackModel.lastRole(request).equals("tool")) {
            return Answer.say("Done: " + last);
        }
        if (last.startsWith("please remember")) {
            return Answer.call("memory_store", "{\"text\":\"the sky over Pincer is green\"}");
        }
        if (last.contains("what colour")) {
            return Answer.call("memory_search", "{\"query\":\"sky\"}");
        }
        if (last.contains("delete everything")) {
            return Answer.call("delete_everything", "{}");
        }
        if (last.contains("add two and three")) {
            return Answer.call("add", "{\"a\":2,\"b\":3}");
        }
        return Answer.say("You said: " + last);
    }

    @Test
    void aScriptedConversationOverTheHttpChannelRunsStagesCommandsToolsMemoryAndEveryHook() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(workspace.resolve("SOUL.md"), "You are Clawd, the test crab.\n");
        copyTree(REPO.resolve("plugins/openai"), home.resolve("plugins/openai"));
        recorder(home.resolve("plugins/recorder"));
        try (LoopbackModel model = LoopbackModel.start(AgentGatewayIT::script)) {
            Files.writeString(
                    home.resolve("config.toml"),
                    """
                    [plugins.entries.openai]
                    enabled = true
                    [plugins.entries.openai.config]
                    base_url = "http://127.0.0.1:%d/v1"
                    model = "loop-1"
                    api_key_env = "LOOP_KEY"
                    [network]
                    private_hosts = ["127.0.0.1:%d"]
                    [agent]
                    provider = "openai"
                    """
                            .formatted(model.port(), model.port()));
            McpPeers.Result approved = McpPeers.run(
                    dir,
                    Duration.ofMinutes(1),
                    McpPeers.pincer(
                            "--home",
                            home.toString(),
                            "--workspace",
                            workspace.toString(),
                            "plugins",
                            "approve",
                            "openai",
                            "--yes"));
            assertThat(approved.status()).as(approved.err()).isZero();
            assertThat(approved.out()).contains("127.0.0.1:" + model.port(), "LOOP_KEY");

            List<String> replies = new ArrayList<>();
            try (McpPeers.Gateway gateway =
                    McpPeers.Gateway.start(home, workspace, Map.of("LOOP_KEY", "sk-loop-secret"))) {
                URI chat = URI.create(gateway.url()).resolve("/api/chat");
                JsonNode help = send(chat, "/help");
                assertThat(help.path("reply").asString()).contains("/hooks", "/new");
                JsonNode remember = send(chat, "pls remember that the sky is green");
                JsonNode recall = send(chat, "what colour is the sky?");
                JsonNode blocked = send(chat, "delete everything");
                JsonNode sum = send(chat, "add two and three");
                for (JsonNode r : List.of(remember, recall, blocked, sum)) {
                    assertThat(r.path("status").asString()).as(r.toString()).isEqualTo("sent");
                    replies.add(r.path("reply").asString());
                }
                assertThat(remember.path("session").asString())
                        .isEqualTo(sum.path("session").asString())
                        .startsWith("s-");
            }

            // The stage turned "pls" into "please" before the model saw it.
            assertThat(model.requests().get(0).path("messages").toString())
                    .contains("please remember that the sky is green")
                    .contains("You are Clawd, the test crab.");
            assertThat(model.requests().get(0).path("model").asString()).isEqualTo("loop-1");
            assertThat(model.requests().get(0).path("tools").toString())
                    .contains("memory_store", "memory_search", "add", "delete_everything");
            assertThat(replies.get(0)).startsWith("Done: ").contains("stored");
            assertThat(replies.get(1)).startsWith("Done: ").contains("the sky over Pincer is green");
            assertThat(replies.get(2))
                    .startsWith("Done: error (blocked):")
                    .contains("the recorder plugin blocks every delete_ tool");
            assertThat(replies.get(3)).isEqualTo("Done: 5");

            List<String> hooks = Files.readAllLines(home.resolve("data/recorder/hooks.log"));
            List<String> never = HookPoint.all().stream()
                    .map(HookPoint::name)
                    .filter(h -> !hooks.contains(h))
                    .toList();
            assertThat(never).as("hook points the recorder never saw: " + hooks).isEmpty();
            assertThat(hooks.stream().filter("gateway_start"::equals)).hasSize(1);
            assertThat(hooks.stream().filter("gateway_stop"::equals)).hasSize(1);
            assertThat(hooks.stream().filter("session_start"::equals)).hasSize(1);
            assertThat(hooks.stream().filter("session_end"::equals)).hasSize(1);
            // Five messages: one command and four agent turns, each with one tool call.
            assertThat(hooks.stream().filter("message_received"::equals)).hasSize(5);
            assertThat(hooks.stream().filter("message_sent"::equals)).hasSize(5);
            assertThat(hooks.stream().filter("agent_end"::equals)).hasSize(4);
            assertThat(hooks.stream().filter("before_tool_call"::equals)).hasSize(4);
            assertThat(hooks.stream().filter("after_tool_call"::equals)).hasSize(3);
            // The gates and modifiers run on the message's own thread, so their order is the flow's.
            List<String> chain = hooks.stream()
                    .filter(h -> List.of(
                                    "message_claim",
                                    "before_model_resolve",
                                    "before_prompt_build",
                                    "before_tool_call",
                                    "message_sending")
                            .contains(h))
                    .toList();
            assertThat(chain.subList(0, 2)).containsExactly("message_claim", "message_sending");
            assertThat(chain.subList(2, 7))
                    .containsExactly(
                            "message_claim",
                            "before_model_resolve",
                            "before_prompt_build",
                            "before_tool_call",
                            "message_sending");
            assertThat(hooks.indexOf("gateway_start")).isLessThan(hooks.indexOf("message_received"));
            assertThat(hooks.lastIndexOf("gateway_stop")).isGreaterThan(hooks.lastIndexOf("message_sent"));
        }
    }

    private JsonNode send(URI chat, String text) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(chat)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(1))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                                .put("text", text)
                                .put("conversation", "e2e")
                                .toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Writes the recorder plugin's folder: its manifest, and a jar of its classes from the test classpath. */
    private static void recorder(Path folder) throws IOException {
        String hooks = String.join(
                ",", HookPoint.all().stream().map(h -> "\"" + h.name() + "\"").toList());
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(
                folder.resolve("pincer-plugin.json"),
                "{\"id\":\"recorder\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\""
                        + RecorderPlugin.class.getName() + "\"},\"provides\":{"
                        + "\"tools\":[{\"name\":\"add\"},{\"name\":\"delete_everything\"}],"
                        + "\"commands\":[{\"name\":\"hooks\"}],\"hooks\":[" + hooks + "],"
                        + "\"stages\":[{\"name\":\"expand\",\"direction\":\"inbound\"}]}}");
        Path classes = Path.of(RecorderPlugin.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        String prefix = RecorderPlugin.class.getName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(folder.resolve("lib/recorder.jar"));
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes)) {
            for (Path c : all.filter(p -> {
                        String name = classes.relativize(p).toString();
                        return name.equals(prefix + ".class") || name.startsWith(prefix + "$");
                    })
                    .toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(c).toString()));
                jar.write(Files.readAllBytes(c));
                jar.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.filter(p ->
                            !p.toString().contains("/src/") && !p.toString().contains("/target/"))
                    .toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
