package dev.pincer.cli;

import static dev.pincer.cli.GatewayClient.awaitGreeting;
import static dev.pincer.cli.GatewayClient.awaitTools;
import static dev.pincer.cli.GatewayClient.client;
import static dev.pincer.cli.GatewayClient.copyTree;
import static dev.pincer.cli.GatewayClient.greet;
import static dev.pincer.cli.GatewayClient.tools;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged CLI jar to install, update and uninstall the example plugin while {@code pincer
 * gateway} runs: each change reaches the running gateway through hot reload.
 */
class InstallLifecycleIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aRunningGatewayPicksUpInstallUpdateAndUninstall() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        Path source = dir.resolve("src/hello");
        copyTree(EXAMPLE, source);
        try (McpPeers.Gateway gateway = McpPeers.Gateway.start(home, workspace)) {
            McpSyncClient client = client(gateway.url());
            try {
                client.initialize();
                assertThat(tools(client)).doesNotContain("greet");

                McpPeers.Result install = pincer(home, workspace, "plugins", "install", source.toString());
                assertThat(install.status()).as(install.toString()).isZero();
                assertThat(install.out())
                        .contains("Installed hello 0.1.0 from " + source.toRealPath() + " (folder)")
                        .contains("State: resolved");
                assertThat(install.err()).contains("Checking ");
                awaitTools(client, tools -> tools.contains("greet"), "greet to appear");
                assertThat(greet(client)).isEqualTo("Hello, Ada!");

                Path manifest = source.resolve("pincer-plugin.json");
                Files.writeString(
                        manifest,
                        Files.readString(manifest)
                                .replace("\"version\": \"0.1.0\"", "\"version\": \"0.2.0\"")
                                .replace("\"default\": \"Hello\"", "\"default\": \"Ahoy\""));
                McpPeers.Result update = pincer(home, workspace, "plugins", "update", "hello");
                assertThat(update.status()).as(update.toString()).isZero();
                assertThat(update.out()).contains("hello: 0.1.0 -> 0.2.0").contains("Updated hello 0.1.0 -> 0.2.0");
                awaitGreeting(client, "Ahoy, Ada!");

                McpPeers.Result uninstall = pincer(home, workspace, "plugins", "uninstall", "hello");
                assertThat(uninstall.status()).as(uninstall.toString()).isZero();
                assertThat(uninstall.out()).contains("Uninstalled hello.");
                awaitTools(client, tools -> !tools.contains("greet"), "greet to disappear");
                assertThat(home.resolve("plugins/hello")).doesNotExist();
                assertThat(source.resolve("pincer-plugin.json")).exists();
            } finally {
                client.closeGracefully();
            }
        }
    }

    private static McpPeers.Result pincer(Path home, Path workspace, String... args)
            throws IOException, InterruptedException {
        List<String> all =
                new java.util.ArrayList<>(List.of("--home", home.toString(), "--workspace", workspace.toString()));
        all.addAll(List.of(args));
        return McpPeers.run(workspace, CLI_TIMEOUT, McpPeers.pincer(all.toArray(String[]::new)));
    }
}
