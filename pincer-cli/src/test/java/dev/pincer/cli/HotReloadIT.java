package dev.pincer.cli;

import static dev.pincer.cli.GatewayClient.awaitGreeting;
import static dev.pincer.cli.GatewayClient.awaitTools;
import static dev.pincer.cli.GatewayClient.client;
import static dev.pincer.cli.GatewayClient.copyTree;
import static dev.pincer.cli.GatewayClient.greet;
import static dev.pincer.cli.GatewayClient.tools;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code pincer gateway} as a child process and changes its plugin while MCP clients call it:
 * a saved config edit and {@code pincer plugins reload} each swap in a new generation with no
 * failed call, and a broken manifest leaves the running version serving.
 */
class HotReloadIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));

    @TempDir
    Path dir;

    @Test
    void savedChangesSwitchTheAnswersUnderLoadWithoutAFailedCall() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        copyTree(EXAMPLE, home.resolve("plugins").resolve("hello"));
        try (McpPeers.Gateway gateway = McpPeers.Gateway.start(home, workspace)) {
            McpSyncClient client = client(gateway.url());
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                client.initialize();
                assertThat(greet(client)).isEqualTo("Hello, Ada!");
                List<Future<?>> loops = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    loops.add(callers.submit(() -> {
                        boolean switched = false;
                        while (running.get()) {
                            String answer;
                            try {
                                answer = greet(client);
                            } catch (RuntimeException e) {
                                failures.add("call failed: " + e.getMessage());
                                continue;
                            }
                            if (answer.startsWith("Ahoy")) {
                                switched = true;
                            } else if (switched || !answer.equals("Hello, Ada!")) {
                                failures.add("unexpected answer '" + answer + "' (switched: " + switched + ")");
                            }
                        }
                    }));
                }

                Files.writeString(home.resolve("config.toml"), "[plugins.entries.hello.config]\ngreeting = \"Ahoy\"\n");
                awaitGreeting(client, "Ahoy, Ada!");
                Thread.sleep(300);
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get(30, TimeUnit.SECONDS);
                }
                assertThat(failures).isEmpty();

                TestHost cli = new TestHost(dir.resolve("cli"));
                String base = URI.create(gateway.url()).resolve("/").toString();
                TestHost.Run reload = cli.run("plugins", "reload", "hello", "--url", base);
                assertThat(reload.status()).as(reload.toString()).isZero();
                assertThat(reload.out()).isEqualTo("reloaded hello (generation 3)\n");
                assertThat(greet(client)).isEqualTo("Ahoy, Ada!");

                TestHost.Run unknown = cli.run("plugins", "reload", "helo", "--url", base);
                assertThat(unknown.status()).isEqualTo(1);
                assertThat(unknown.err()).contains("no plugin 'helo' is installed; did you mean 'hello'?");

                Path manifest = home.resolve("plugins/hello/pincer-plugin.json");
                String good = Files.readString(manifest);
                Files.writeString(manifest, good.substring(0, good.length() / 2));
                TestHost.Run broken = cli.run("plugins", "reload", "hello", "--url", base);
                assertThat(broken.status()).isEqualTo(1);
                assertThat(broken.out())
                        .startsWith("failed hello: the new version of plugin 'hello' is failed (")
                        .contains("so the running version keeps serving");
                assertThat(greet(client)).isEqualTo("Ahoy, Ada!");
            } finally {
                running.set(false);
                callers.shutdownNow();
                client.closeGracefully();
            }
        }
    }

    @Test
    void changingTheMemorySlotWhileTheGatewayRunsSwitchesTheMemoryTools() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        try (McpPeers.Gateway gateway = McpPeers.Gateway.start(home, workspace)) {
            McpSyncClient client = client(gateway.url());
            try {
                client.initialize();
                assertThat(tools(client)).contains("memory_store", "memory_search");

                Files.writeString(home.resolve("config.toml"), "[plugins.slots]\nmemory = \"none\"\n");
                awaitTools(client, names -> !names.contains("memory_store"), "memory_store to go");

                Files.writeString(home.resolve("config.toml"), "[plugins.slots]\nmemory = \"builtin\"\n");
                awaitTools(client, names -> names.contains("memory_store"), "memory_store to come back");
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void reloadWithoutAGatewaySaysSo() {
        TestHost cli = new TestHost(dir.resolve("cli"));

        TestHost.Run run = cli.run("plugins", "reload", "hello", "--url", "http://127.0.0.1:9");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("no Pincer gateway is running at http://127.0.0.1:9, so there is nothing to reload")
                .contains("start one with `pincer gateway`");
    }
}
