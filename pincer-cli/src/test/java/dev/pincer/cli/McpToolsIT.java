package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts the npm reference MCP servers as {@code mcp} plugins and calls their tools through {@code
 * pincer tools call}: server-everything over stdio, and server-filesystem held to the root a person
 * approved.
 */
class McpToolsIT {

    private static final Path PEERS = Path.of(System.getProperty(
                    "pincer.mcpPeers",
                    Path.of("..", "tools", "mcp-peers", "node_modules").toString()))
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private TestHost hostWith(String id, String manifest) throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("plugins").resolve(id));
        Files.writeString(plugin.resolve("pincer-plugin.json"), manifest);
        TestHost host = new TestHost(dir);
        host.env("PATH", System.getenv("PATH"));
        TestHost.write(host.homeConfig(), "[plugins]\npaths = [\"" + plugin + "\"]\n");
        return host;
    }

    private static String quote(Object text) {
        return "\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void serverEverythingAnswersThroughToolsCall() throws Exception {
        Path server = PEERS.resolve("@modelcontextprotocol/server-everything/dist/index.js");
        TestHost host = hostWith(
                "everything",
                "{\"id\": \"everything\", \"version\": \"0.1.0\", \"runtime\": {\"type\": \"mcp\", \"command\":"
                        + " \"node\", \"args\": [" + quote(server) + ", \"stdio\"], \"namespace\": \"ev\"}}");

        TestHost.Run run = host.run("tools", "call", "ev_echo", "--args", "{\"message\": \"via the CLI\"}");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("via the CLI");
        assertThat(run.err()).doesNotContain("does not declare");
        assertThat(host.run("tools", "list").out()).contains("ev_echo", "ev_get-sum");
    }

    @Test
    void serverFilesystemReadsOnlyInsideTheApprovedRoot() throws Exception {
        Path server = PEERS.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");
        Path allowed = Files.createDirectories(dir.resolve("allowed")).toRealPath();
        Files.writeString(allowed.resolve("notes.txt"), "approved notes");
        Path outside =
                Files.writeString(dir.resolve("secret.txt"), "not for you").toRealPath();
        TestHost host = hostWith(
                "files",
                "{\"id\": \"files\", \"version\": \"0.1.0\", \"runtime\": {\"type\": \"mcp\", \"command\": \"node\","
                        + " \"args\": [" + quote(server) + ", \"${roots}\"], \"namespace\": \"fs\"},"
                        + " \"permissions\": {\"filesystem\": [{\"path\": " + quote(allowed)
                        + ", \"mode\": \"read\"}]}}");

        TestHost.Run before = host.run("tools", "call", "fs_list_allowed_directories");
        TestHost.Run approve = host.run("plugins", "approve", "files", "--yes");
        TestHost.Run inside = host.run(
                "tools",
                "call",
                "fs_read_text_file",
                "--args",
                "{\"path\": " + quote(allowed.resolve("notes.txt")) + "}");
        TestHost.Run refused =
                host.run("tools", "call", "fs_read_text_file", "--args", "{\"path\": " + quote(outside) + "}");

        assertThat(before.status()).as(before.toString()).isNotZero();
        assertThat(approve.out()).contains("this is an mcp plugin").contains("it is not a sandbox");
        assertThat(inside.status()).as(inside.toString()).isZero();
        assertThat(inside.out()).contains("approved notes");
        assertThat(refused.status()).isNotZero();
        assertThat(refused.out() + refused.err()).contains("Access denied").doesNotContain("not for you");
    }
}
