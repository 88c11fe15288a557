package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the example WebAssembly plugins, built from source with the real Extism PDKs (C and
 * AssemblyScript), through {@code pincer tools call}: config reaches them, errors they set reach the
 * user, approval gates the one that asks for network access, and its HTTP goes through the guard.
 */
class WasmToolsIT {

    private static final Path EXAMPLES =
            Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(0);
        }
    }

    private TestHost hostWith(String config, Path... plugins) {
        TestHost host = new TestHost(dir);
        StringBuilder paths = new StringBuilder();
        for (Path plugin : plugins) {
            paths.append(paths.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(plugin)
                    .append('"');
        }
        TestHost.write(host.homeConfig(), "[plugins]\npaths = [" + paths + "]\n" + config);
        return host;
    }

    @Test
    void theCPluginAnswersThroughToolsCall() {
        TestHost host = hostWith("", EXAMPLES.resolve("wasm-hello-c"));

        TestHost.Run run = host.run("tools", "call", "c_greet", "--args", "{\"name\": \"Ada\"}");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Hello, Ada!\n");
        assertThat(host.run("tools", "list").out()).contains("c_greet", "hello-c", "c_fail");
    }

    @Test
    void pluginConfigBecomesExtismConfig() {
        TestHost host = hostWith(
                "[plugins.entries.hello-c.config]\ngreeting = \"Bonjour\"\n", EXAMPLES.resolve("wasm-hello-c"));

        TestHost.Run run = host.run("tools", "call", "c_greet", "--args", "{\"name\": \"Zoë\"}");

        assertThat(run.out()).as(run.toString()).isEqualTo("Bonjour, Zoë!\n");
    }

    @Test
    void anErrorThePluginSetsIsWhatTheUserReads() {
        TestHost host = hostWith("", EXAMPLES.resolve("wasm-hello-c"));

        TestHost.Run run = host.run("tools", "call", "c_fail", "--args", "{\"reason\": \"because\"}");
        TestHost.Run empty = host.run("tools", "call", "c_greet", "--args", "{\"name\": \"\"}");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("c plugin failed on purpose: because");
        assertThat(empty.status()).isEqualTo(1);
        assertThat(empty.err()).contains("greet needs a name");
    }

    @Test
    void theAssemblyScriptPluginRunsOnceApproved() {
        TestHost host = hostWith("", EXAMPLES.resolve("wasm-hello-as"));

        TestHost.Run before = host.run("tools", "call", "as_count_vowels", "--args", "{\"text\": \"Hello, World!\"}");
        TestHost.Run approve = host.run("plugins", "approve", "hello-as", "--yes");
        TestHost.Run after = host.run("tools", "call", "as_count_vowels", "--args", "{\"text\": \"Hello, World!\"}");
        TestHost.Run echo = host.run("tools", "call", "as_echo", "--args", "{\"text\": \"héllo ✓\"}");

        assertThat(before.status()).isEqualTo(1);
        assertThat(before.err()).contains("belongs to plugin 'hello-as', which is awaiting-approval");
        assertThat(approve.status()).as(approve.toString()).isZero();
        assertThat(after.status()).as(after.toString()).isZero();
        JsonNode counted = TestHost.JSON.readTree(after.out());
        assertThat(counted.get("count").asInt()).isEqualTo(3);
        assertThat(counted.get("vowels").asString()).isEqualTo("aeiouAEIOU");
        assertThat(echo.out()).isEqualTo("héllo ✓\n");
    }

    @Test
    void httpFromAPluginReachesOnlyItsGrantedHostAndIsAudited() throws IOException {
        int port = serve("hello from loopback");
        Path plugin = copy(EXAMPLES.resolve("wasm-hello-as"), dir.resolve("hello-as"));
        Path manifest = plugin.resolve("pincer-plugin.json");
        TestHost.write(manifest, TestHost.read(manifest).replace("\"example.com\"", "\"127.0.0.1:" + port + "\""));
        TestHost host = hostWith("[network]\nprivate_hosts = [\"127.0.0.1:" + port + "\"]\n", plugin);
        host.run("plugins", "approve", "hello-as", "--yes");

        TestHost.Run granted =
                host.run("tools", "call", "as_fetch", "--args", "{\"url\": \"http://127.0.0.1:" + port + "/hi\"}");
        TestHost.Run metadata =
                host.run("tools", "call", "as_fetch", "--args", "{\"url\": \"http://169.254.169.254/latest\"}");

        assertThat(granted.status()).as(granted.toString()).isZero();
        JsonNode reply = TestHost.JSON.readTree(granted.out());
        assertThat(reply.get("status").asInt()).isEqualTo(200);
        assertThat(reply.get("body").asString()).isEqualTo("hello from loopback");
        assertThat(metadata.status()).isEqualTo(1);
        assertThat(metadata.err()).contains("plugin 'hello-as' was refused in 'fetch'", "169.254.169.254");
        JsonNode audit = host.json("audit", "--plugin", "hello-as", "--kind", "http", "--json");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("decision").asString()).isEqualTo("allowed");
        assertThat(audit.get(1).get("decision").asString()).isEqualTo("denied");
    }

    private int serve(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static Path copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.toString().contains("node_modules")) {
                    continue;
                }
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
