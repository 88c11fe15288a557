package dev.pincer.mcp.runtime;

import static dev.pincer.mcp.runtime.McpHost.EVERYTHING;
import static dev.pincer.mcp.runtime.McpHost.FILESYSTEM;
import static dev.pincer.mcp.runtime.McpHost.manifest;
import static dev.pincer.mcp.runtime.McpHost.quote;
import static dev.pincer.mcp.runtime.McpHost.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.Permissions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server-filesystem over stdio under a filesystem grant, and server-everything over Streamable HTTP. */
class RealServersTest {

    @TempDir
    Path dir;

    @Test
    void serverFilesystemReadsInsideTheApprovedRootAndRefusesOutsideIt() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed")).toRealPath();
        Files.writeString(allowed.resolve("notes.txt"), "inside the grant");
        Path outside = Files.writeString(dir.resolve("secret.txt"), "outside the grant")
                .toRealPath();
        String manifest = manifest(
                "files",
                "{\"type\": \"mcp\", \"command\": \"node\", \"args\": [" + quote(FILESYSTEM) + ", \"${roots}\"],"
                        + " \"namespace\": \"fs\"}",
                "\"permissions\": {\"filesystem\": [{\"path\": " + quote(allowed) + ", \"mode\": \"read-write\"}]}");
        Permissions granted = new Permissions(
                List.of(),
                List.of(new Permissions.FileGrant(allowed.toString(), Permissions.Access.READ_WRITE)),
                List.of(),
                false);
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("files", manifest);
            mcp.start(McpHost.approving("files", granted));
            assertThat(mcp.host.states()).as(mcp.reports()).containsEntry("files", PluginState.ACTIVE);

            Invocation inside = mcp.call(
                    "fs_read_text_file",
                    Map.of("path", allowed.resolve("notes.txt").toString()));
            Invocation refused = mcp.call("fs_read_text_file", Map.of("path", outside.toString()));

            assertThat(text(inside)).isEqualTo("inside the grant");
            assertThat(refused.result().isError()).isTrue();
            assertThat(text(refused)).contains("Access denied").doesNotContain("outside the grant");
        }
    }

    @Test
    void aRemoteServerNeedsANetworkGrantForItsHost() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/mcp";
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("remote", manifest("remote", "{\"type\": \"mcp\", \"url\": " + quote(url) + "}", ""));
            mcp.start();

            assertThat(mcp.host.states()).containsEntry("remote", PluginState.FAILED);
            assertThat(mcp.reports())
                    .contains("plugin 'remote' may not reach '127.0.0.1:" + port + "'")
                    .contains("add \"127.0.0.1:" + port + "\" to permissions.network");
        }
    }

    @Test
    void callsServerEverythingOverStreamableHttpWhenGranted() throws Exception {
        int port = freePort();
        ProcessBuilder server = new ProcessBuilder("node", EVERYTHING.toString(), "streamableHttp")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        server.environment().put("PORT", Integer.toString(port));
        Process process = server.start();
        try {
            awaitPort(port);
            String hostPort = "127.0.0.1:" + port;
            String manifest = manifest(
                    "remote",
                    "{\"type\": \"mcp\", \"url\": \"http://" + hostPort + "/mcp\", \"namespace\": \"web\"}",
                    "\"permissions\": {\"network\": [" + quote(hostPort) + "]}");
            GuardSettings loopbackAllowed = GuardSettings.defaults().withPrivateHosts(Set.of(hostPort));
            try (McpHost mcp = new McpHost(dir, McpSettings.defaults(), loopbackAllowed, Map.of())) {
                mcp.plugin("remote", manifest);
                mcp.start(McpHost.approving("remote", new Permissions(List.of(hostPort), List.of(), List.of(), false)));
                assertThat(mcp.host.states()).as(mcp.reports()).containsEntry("remote", PluginState.ACTIVE);

                assertThat(text(mcp.call("web_echo", Map.of("message", "over HTTP"))))
                        .contains("over HTTP");
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void aLoopbackServerIsRefusedUnlessTheOperatorAllowsThatPrivateHost() throws Exception {
        int port = freePort();
        String hostPort = "127.0.0.1:" + port;
        String manifest = manifest(
                "remote",
                "{\"type\": \"mcp\", \"url\": \"http://" + hostPort + "/mcp\"}",
                "\"permissions\": {\"network\": [" + quote(hostPort) + "]}");
        try (McpHost mcp = new McpHost(dir)) {
            mcp.plugin("remote", manifest);
            mcp.start(McpHost.approving("remote", new Permissions(List.of(hostPort), List.of(), List.of(), false)));

            assertThat(mcp.host.states()).containsEntry("remote", PluginState.FAILED);
            assertThat(mcp.reports()).contains("a loopback address").contains("private networks");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        assertThat(McpHost.waitFor(Duration.ofSeconds(20), () -> {
                    try {
                        new Socket("127.0.0.1", port).close();
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                }))
                .as("server-everything listens on port " + port)
                .isTrue();
    }
}
