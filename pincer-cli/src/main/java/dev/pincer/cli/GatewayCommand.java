package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.agent.Gateway;
import dev.pincer.core.config.AgentSettings;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.GatewaySettings;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.reload.Reloader;
import dev.pincer.mcp.server.HttpChannel;
import dev.pincer.mcp.server.McpBridge;
import dev.pincer.mcp.server.McpHttpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer gateway}: runs the plugins and serves them over MCP (Streamable HTTP at {@code
 * /mcp}) until stopped with Ctrl-C or SIGTERM.
 *
 * @since 0.1.0
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Run the enabled plugins and serve their tools, resources and prompts over MCP (Streamable HTTP) at /mcp.",
            "Listens on [gateway] host and port of config.toml (default 127.0.0.1:7433) until Ctrl-C or SIGTERM.",
            "Plugins, skills and config files are watched: a saved change is reloaded without a restart ([reload] in"
                    + " config.toml); `pincer plugins reload <id>` asks for one.",
            "Runs the agent side too: channels (the HTTP channel at POST /api/chat, and those plugins register),"
                    + " pipeline stages, sessions and agent turns with the provider of [agent] in config.toml.",
            "The first line on standard output is the endpoint's URL. SIGTERM or Ctrl-C fires gateway_stop and stops"
                    + " channels, sessions, services and plugins in reverse order, within 30 s."
        })
final class GatewayCommand implements Callable<Integer> {

    /** How long SIGTERM or Ctrl-C waits for an orderly stop before the JVM exits anyway. */
    static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    /** Where the HTTP channel is served, relative to the MCP endpoint. */
    private static final String CHAT = "/api/chat";

    @ParentCommand
    PincerCommand top;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (overrides [gateway] host).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on, 0 for any free one (overrides [gateway] port).")
    Integer port;

    @Option(
            names = "--token-env",
            paramLabel = "NAME",
            description = "Environment variable holding the bearer token clients must send (overrides [gateway]"
                    + " token_env).")
    String tokenEnv;

    @Override
    public Integer call() throws InterruptedException {
        ConfigLoadResult config = ConfigLoader.create().load(top.layout());
        var catalog = top.scan(config);
        GatewaySettings configured = catalog.config().gateway();
        String tokenName = tokenEnv != null ? tokenEnv : configured.tokenEnv();
        String token = null;
        if (tokenName != null) {
            token = top.env().get(tokenName);
            if (token == null || token.isBlank()) {
                throw new PincerException(
                        "gateway.token",
                        null,
                        null,
                        "the gateway's bearer token is to come from environment variable " + tokenName
                                + ", but it is not set",
                        "export " + tokenName + "=<a long random secret> and start the gateway again");
            }
        }
        McpHttpServer.Settings settings = new McpHttpServer.Settings(
                host != null ? host : configured.host(),
                port != null ? port : configured.port(),
                token,
                Set.copyOf(configured.allowedHosts()),
                Set.copyOf(configured.allowedOrigins()));
        McpJsonMapper json = McpJsonDefaults.getMapper();
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run this hook; it lets the main thread stop everything in order and
        // holds the JVM until the store is closed, for at most SHUTDOWN_LIMIT.
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        if (!top.awaitClosed(SHUTDOWN_LIMIT)) {
                            top.err()
                                    .println("pincer gateway: still stopping after " + SHUTDOWN_LIMIT.toSeconds()
                                            + " s; exiting anyway");
                            top.err().flush();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pincer-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return serve(config, catalog, settings, json, stop);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for the store to close.
            }
        }
    }

    private int serve(
            ConfigLoadResult config,
            dev.pincer.core.lifecycle.Catalog catalog,
            McpHttpServer.Settings settings,
            McpJsonMapper json,
            CountDownLatch stop)
            throws InterruptedException {
        HttpChannel http = new HttpChannel();
        AgentSettings agent = catalog.config().agent();
        try (RunningHost running = RunningHost.start(top, config, catalog);
                Reloader reloader = running.watch(top, config, catalog);
                McpBridge bridge = new McpBridge(
                        running.host(), PincerVersion.current().toString(), json, McpCommand.CLIENT_TIMEOUT);
                McpHttpServer server = McpHttpServer.start(
                        bridge,
                        json,
                        settings,
                        reloader::reloadNow,
                        http,
                        agent.turnTimeout().plusSeconds(30))) {
            running.host().publish(HttpChannel.OWNER, context -> context.registerChannel(http));
            try (Gateway gateway = running.agent(top, catalog)) {
                http.connect(gateway::submit);
                top.out().println(server.endpoint());
                top.out().flush();
                top.err()
                        .println("pincer gateway: serving "
                                + running.host().toolCatalog().size() + " tools over MCP at " + server.endpoint()
                                + "; chat at " + server.endpoint().resolve(CHAT) + " (channels: "
                                + String.join(", ", gateway.channels()) + ")"
                                + (reloader.watching() ? "; reloading plugins when their files change" : "")
                                + " (Ctrl-C stops)");
                gateway.providerProblem().ifPresent(p -> top.err().println("pincer gateway: note: " + p));
                top.err().flush();
                stop.await();
                top.err().println("pincer gateway: stopping: channels, then sessions, services and plugins");
                top.err().flush();
            }
            return 0;
        }
    }
}
