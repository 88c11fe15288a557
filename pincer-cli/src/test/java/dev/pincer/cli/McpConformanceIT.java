package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official MCP conformance suite ({@code @modelcontextprotocol/conformance}, every active
 * server scenario) against {@code pincer gateway} serving the fixture plugin examples/mcp-conformance,
 * as tools/mcp-peers/conformance.sh does.
 */
class McpConformanceIT {

    private static final Path FIXTURE = Path.of(System.getProperty("pincer.conformance.plugin"));

    @TempDir
    Path dir;

    @Test
    void passesEveryActiveServerScenario() throws Exception {
        assertThat(FIXTURE.resolve("pincer-plugin.json"))
                .as("the reactor builds examples/mcp-conformance first")
                .exists();
        Path home = Files.createDirectories(dir.resolve("home"));
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        TestHost.write(home.resolve("config.toml"), "[plugins]\npaths = [\"" + FIXTURE + "\"]\n");
        Path suite = McpPeers.peer("@modelcontextprotocol/conformance").resolve("dist/index.js");

        McpPeers.Result result;
        try (McpPeers.Gateway gateway = McpPeers.Gateway.start(home, workspace)) {
            result = McpPeers.run(
                    dir,
                    Duration.ofMinutes(5),
                    List.of("node", suite.toString(), "server", "--url", gateway.url(), "--suite", "active"));
        }

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out())
                .as(result.toString())
                .containsPattern("Total: [1-9][0-9]* passed, 0 failed")
                .contains("dns-rebinding-protection: 2 passed, 0 failed")
                .contains("tools-call-elicitation: 1 passed, 0 failed")
                .doesNotContain("✗");
    }
}
