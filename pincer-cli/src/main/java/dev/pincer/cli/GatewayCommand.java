package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.GatewaySettings;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.reload.Reloader;
import dev.pincer.mcp.server.McpBridge;
import dev.pincer.mcp.server.McpHttpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
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
            "The first line on standard output is the endpoint's URL."
        })
final class GatewayCommand implements Callable<Integer> {

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
        try (RunningHost running = RunningHost.start(top, catalog);
                Reloader reloader = running.watch(top, config, catalog);
                McpBridge bridge = new McpBridge(
                        running.host(), PincerVersion.current().toString(), json, McpCommand.CLIENT_TIMEOUT);
                McpHttpServer server = McpHttpServer.start(bridge, json, settings, reloader::reloadNow)) {
            Thread hook = new Thread(stop::countDown, "pincer-gateway-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            top.out().println(server.endpoint());
            top.out().flush();
            top.err()
                    .println("pincer gateway: serving "
                            + running.host().toolCatalog().size() + " tools over MCP at " + server.endpoint()
                            + (reloader.watching() ? "; reloading plugins when their files change" : "")
                            + " (Ctrl-C stops)");
            stop.await();
            top.err().println("pincer gateway: stopping");
            return 0;
        }
    }
}
