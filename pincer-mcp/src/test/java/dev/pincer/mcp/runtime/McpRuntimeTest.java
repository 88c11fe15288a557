package dev.pincer.mcp.runtime;

import static dev.pincer.mcp.runtime.McpHost.EVERYTHING;
import static dev.pincer.mcp.runtime.McpHost.manifest;
import static dev.pincer.mcp.runtime.McpHost.quote;
import static dev.pincer.mcp.runtime.McpHost.text;
import static dev.pincer.mcp.runtime.McpHost.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.tool.Caller;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ElicitReply;
import dev.pincer.api.tool.SampleReply;
import dev.pincer.api.tool.SampleRequest;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.services.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpRuntimeTest {

    @TempDir
    Path dir;

    private static String everything(String id) {
        return manifest(
                id,
                "{\"type\": \"mcp\", \"command\": \"node\", \"args\": [" + quote(EVERYTHING) + ", \"stdio\"],"
                        + " \"namespace\": \"ev\"}",
                "");
    }

    private static String fake(String id, String mode, String extra) {
        return manifest(
                id,
                "{\"type\": \"mcp\", \"command\": \"node\", \"args\": [\"${plugin}/server.mjs\", \"" + mode + "\"],"
                        + " \"env\": {\"LITERAL\": \"${data}\"}}",
                extra);
    }

    @Test
    void importsServerEverythingToolsUnderItsNamespaceAndCallsThem() throws Exception {
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("everything", everything("everything"));
            mcp.start();

            assertThat(mcp.host.states()).containsEntry("everything", PluginState.ACTIVE);
            Invocation echo = mcp.call("ev_echo", Map.of("message", "hello through Pincer"));
            assertThat(text(echo)).contains("hello through Pincer");
            assertThat(echo.result().isError()).isFalse();

            Invocation image = mcp.call("ev_get-tiny-image", Map.of());
            assertThat(image.result().content()).anySatisfy(c -> assertThat(c)
                    .isInstanceOfSatisfying(
                            Content.Image.class, i -> assertThat(i.mimeType()).isEqualTo("image/png")));

            Invocation structured = mcp.call("ev_get-structured-content", Map.of("location", "New York"));
            assertThat(structured.result().content())
                    .anySatisfy(c -> assertThat(c).isInstanceOf(Content.Json.class));

            assertThat(mcp.reports()).doesNotContain("does not declare");
        }
    }

    @Test
    void restartsAKilledChildAndALaterCallSucceeds() throws Exception {
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("everything", everything("everything"));
            mcp.start();
            assertThat(text(mcp.call("ev_echo", Map.of("message", "before")))).contains("before");
            List<ProcessHandle> children = McpHost.children(EVERYTHING.toString());
            assertThat(children).hasSize(1);

            children.get(0).destroyForcibly();
            assertThat(children.get(0).onExit().get().isAlive()).isFalse();

            Invocation after = mcp.call("ev_echo", Map.of("message", "after the restart"));
            assertThat(text(after)).contains("after the restart");
            assertThat(McpHost.children(EVERYTHING.toString())).hasSize(1).doesNotContain(children.get(0));
            assertThat(mcp.host.states()).containsEntry("everything", PluginState.ACTIVE);
        }
    }

    @Test
    void stopsTheChildWhenThePluginIsDeactivated() throws Exception {
        McpHost mcp = new McpHost(dir);
        mcp.plugin("everything", everything("everything"));
        mcp.start();
        List<ProcessHandle> children = McpHost.children(EVERYTHING.toString());
        assertThat(children).hasSize(1);

        mcp.host.deactivate("everything");

        assertThat(children.get(0).isAlive()).isFalse();
        assertThat(mcp.host.registry().ownedBy("everything")).isEmpty();
        mcp.close();
    }

    @Test
    void aCrashLoopEndsThePluginFailedWithItsLastStderrLines() throws Exception {
        McpSettings quick = McpSettings.defaults()
                .withRestarts(
                        new RestartPolicy(2, Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofMillis(200), 0));
        try (McpHost mcp = new McpHost(dir, quick, GuardSettings.defaults(), Map.of())) {
            mcp.plugin("crashy", fake("crashy", "crash", ""));
            mcp.start();

            assertThat(waitFor(Duration.ofSeconds(20), () -> mcp.host.states().get("crashy") == PluginState.FAILED))
                    .as(mcp.reports())
                    .isTrue();
            assertThat(mcp.reports())
                    .contains("the MCP server of plugin 'crashy'")
                    .contains("died 3 times within 60 s (last: exited with code 3)")
                    .contains("boom: the widget store is corrupt");
            Invocation call = mcp.call("crashy_env", Map.of());
            assertThat(call.succeeded()).isFalse();
            assertThat(text(call)).contains("which failed").contains("boom: the widget store is corrupt");
        }
    }

    @Test
    void aServerThatExitsAtStartFailsActivationNamingTheCommandAndItsStderr() throws Exception {
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin(
                    "broken",
                    manifest(
                            "broken",
                            "{\"type\": \"mcp\", \"command\": \"node\", \"args\": [\"-e\","
                                    + " \"console.error('cannot open config.yaml'); process.exit(3)\"]}",
                            ""));
            mcp.start();

            assertThat(mcp.host.states()).containsEntry("broken", PluginState.FAILED);
            assertThat(mcp.reports())
                    .contains("plugin 'broken' could not start its MCP server `/")
                    .contains("it exited with code 3 before the MCP handshake")
                    .contains("cannot open config.yaml");
        }
    }

    @Test
    void aMissingCommandFailsActivationSayingItIsNotOnThePath() throws Exception {
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("missing", manifest("missing", "{\"type\": \"mcp\", \"command\": \"no-such-mcp-server\"}", ""));
            mcp.start();

            assertThat(mcp.host.states()).containsEntry("missing", PluginState.FAILED);
            assertThat(mcp.reports()).contains("runs the command 'no-such-mcp-server', which is not on Pincer's PATH");
        }
    }

    @Test
    void theChildGetsOnlyItsManifestEnvAndGrantedNamesInAFolderOfItsOwn() throws Exception {
        Map<String, String> hostEnv = Map.of("GRANTED_TOKEN", "let-me-in", "SECRET_TOKEN", "keep-out");
        try (McpHost mcp = new McpHost(dir, McpSettings.defaults(), GuardSettings.defaults(), hostEnv)) {
            mcp.plugin("envy", fake("envy", "serve", "\"permissions\": {\"env\": [\"GRANTED_TOKEN\"]}"));
            mcp.start(
                    McpHost.approving("envy", new Permissions(List.of(), List.of(), List.of("GRANTED_TOKEN"), false)));

            String seen = text(mcp.call("envy_env", Map.of()));

            Path data = mcp.data.resolve("envy").toAbsolutePath();
            assertThat(seen)
                    .contains("\"GRANTED_TOKEN\":\"let-me-in\"")
                    .contains("\"LITERAL\":" + quote(data))
                    .contains("\"cwd\":" + quote(data.resolve("work")))
                    .doesNotContain("SECRET_TOKEN")
                    .doesNotContain("keep-out")
                    .doesNotContain("\"PATH\"")
                    .doesNotContain("\"HOME\"");
        }
    }

    @Test
    void listChangedFromTheServerRegistersItsNewTool() throws Exception {
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("growing", fake("growing", "serve", ""));
            mcp.start();
            assertThat(mcp.host.registry().ownedBy("growing"))
                    .noneMatch(c -> c.name().equals("growing_extra"));

            assertThat(text(mcp.call("growing_add_tool", Map.of()))).isEqualTo("added");

            assertThat(waitFor(Duration.ofSeconds(10), () -> mcp.host.registry().ownedBy("growing").stream()
                            .anyMatch(c -> c.name().equals("growing_extra"))))
                    .isTrue();
            assertThat(text(mcp.call("growing_extra", Map.of()))).isEqualTo("extra works");
        }
    }

    @Test
    void skipsAToolWhoseNameCannotBeAPincerNameAndDeclaredToolsAreAnAllowlist() throws Exception {
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("picky", fake("picky", "serve", "\"provides\": {\"tools\": [{\"name\": \"picky_env\"}]}"));
            mcp.plugin("all", fake("all", "serve", ""));
            mcp.start();

            assertThat(mcp.host.registry().ownedBy("picky"))
                    .extracting(c -> c.name())
                    .containsExactly("picky_env");
            assertThat(mcp.host.registry().ownedBy("all"))
                    .extracting(c -> c.name())
                    .contains("all_env", "all_add_tool", "all_progress")
                    .noneMatch(n -> n.contains("far_too_long"));
            assertThat(mcp.reports()).doesNotContain("does not declare");
        }
    }

    @Test
    void forwardsTheServersProgressToTheCaller() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        Caller listening = new Caller() {
            @Override
            public void progress(double done, Double total, String message) {
                progress.add(done + "/" + total + " " + message);
            }

            @Override
            public void log(System.Logger.Level level, String message) {}

            @Override
            public boolean canSample() {
                return false;
            }

            @Override
            public SampleReply sample(SampleRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean canElicit() {
                return false;
            }

            @Override
            public ElicitReply elicit(String message, Map<String, Object> requestedSchema) {
                throw new UnsupportedOperationException();
            }
        };
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("slow", fake("slow", "serve", ""));
            mcp.start();

            assertThat(text(mcp.call("slow_progress", Map.of(), listening))).isEqualTo("done");
            assertThat(progress).containsExactly("1.0/2.0 half way");
        }
    }

    @Test
    void aJsonRpcErrorFromTheServerIsAnErrorResultTheAgentCanRead() throws Exception {
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("strict", fake("strict", "serve", ""));
            mcp.start();

            Invocation refused = mcp.call("strict_refuse", Map.of());

            assertThat(refused.result()).isNotNull();
            assertThat(refused.result().isError()).isTrue();
            assertThat(text(refused))
                    .isEqualTo(
                            "the MCP server of plugin 'strict' refused the call to 'refuse': the widget id is unknown");
        }
    }
}
