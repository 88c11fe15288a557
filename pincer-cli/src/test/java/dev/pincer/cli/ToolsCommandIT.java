package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the example JVM plugin (examples/jvm-hello, built by the reactor into a plugin folder)
 * through the CLI: its tool answers through the invocation path, its hook rewrites arguments, and
 * inspect shows what it registered.
 */
class ToolsCommandIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));

    @TempDir
    Path dir;

    private TestHost host;

    @BeforeEach
    void setUp() {
        assertThat(EXAMPLE.resolve("pincer-plugin.json"))
                .as("the reactor builds examples/jvm-hello first")
                .exists();
        host = new TestHost(dir);
        TestHost.write(host.homeConfig(), ("[plugins]\npaths = [\"" + EXAMPLE + "\"]\n").getBytes());
    }

    @Test
    void listsTheExampleTool() {
        JsonNode all = host.json("tools", "list", "--json");
        // The host's own memory tools (pincer:memory) are listed too.
        List<JsonNode> tools = new java.util.ArrayList<>();
        all.forEach(t -> {
            if (t.get("plugin").asString().equals("hello")) {
                tools.add(t);
            }
        });

        assertThat(tools).hasSize(2);
        assertThat(tools.get(0).get("name").asString()).isEqualTo("greet");
        assertThat(tools.get(0).get("plugin").asString()).isEqualTo("hello");
        assertThat(tools.get(0).get("lazy").asBoolean()).isFalse();
        assertThat(tools.get(0).get("inputSchema").get("required").get(0).asString())
                .isEqualTo("name");
        assertThat(host.run("tools", "list").out()).containsPattern("greet +hello +active +Greets someone by name.");
    }

    @Test
    void callsTheToolThroughTheHookThatTidiesItsArguments() {
        TestHost.Run run = host.run("tools", "call", "greet", "--args", "{\"name\": \"  Ada \"}");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Hello, Ada!\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void pluginSettingsReachThePlugin() {
        TestHost.write(
                host.homeConfig(),
                ("[plugins]\npaths = [\"" + EXAMPLE + "\"]\n" + "[plugins.entries.hello.config]\ngreeting = \"Ahoy\"\n")
                        .getBytes());

        assertThat(host.run("tools", "call", "greet", "--args", "{\"name\": \"Bo\"}")
                        .out())
                .isEqualTo("Ahoy, Bo!\n");
    }

    @Test
    void refusalsExitNonZeroWithAClearMessage() {
        TestHost.Run invalid = host.run("tools", "call", "greet", "--args", "{\"name\": 7}");
        TestHost.Run unknown = host.run("tools", "call", "great");
        TestHost.Run badJson = host.run("tools", "call", "greet", "--args", "{name:");
        TestHost.Run notObject = host.run("tools", "call", "greet", "--args", "[1]");

        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("error: arguments of 'greet' do not match its input schema: /name:");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("error: no tool named 'great'; did you mean 'greet'?");
        assertThat(badJson.status()).isEqualTo(2);
        assertThat(badJson.err()).startsWith("--args is not valid JSON");
        assertThat(notObject.status()).isEqualTo(2);
        assertThat(notObject.err()).startsWith("--args must be a JSON object");
    }

    @Test
    void callJsonReportsStatusAndPlugin() {
        JsonNode outcome = host.json("tools", "call", "greet", "--args", "{\"name\": \"Cy\"}", "--json");

        assertThat(outcome.get("status").asString()).isEqualTo("completed");
        assertThat(outcome.get("plugin").asString()).isEqualTo("hello");
        assertThat(outcome.get("content").get(0).get("text").asString()).isEqualTo("Hello, Cy!");
    }

    @Test
    void inspectActivateShowsShapeRegistrationsAndServices() throws Exception {
        JsonNode report =
                host.json("plugins", "inspect", "hello", "--activate", "--json").get("activation");

        assertThat(report.get("state").asString()).isEqualTo("active");
        assertThat(report.get("shape").asString()).isEqualTo("tools, commands, hooks and services");
        assertThat(report.get("registered").get("commands").get(0).asString()).isEqualTo("hello");
        assertThat(report.get("services").get(0).get("state").asString()).isEqualTo("running");
        assertThat(report.get("problems")).isEmpty();
        assertThat(host.run("plugins", "inspect", "hello", "--activate").out()).contains("service ticker: running");
        // A plugin's data folder is made only when the plugin asks for it.
        assertThat(Files.exists(host.home.resolve("data").resolve("hello"))).isFalse();
    }
}
