package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.reload.Reloader;
import dev.pincer.mcp.server.McpBridge;
import dev.pincer.mcp.server.McpStdioServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer mcp}: serves every plugin's tools, resources and prompts over MCP on standard input
 * and output, for desktop agents that start MCP servers as child processes.
 *
 * @since 0.1.0
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Serve the tools, resources and prompts of every enabled plugin over MCP on standard input and output.",
            "Standard output carries nothing but the protocol; Pincer's and plugins' messages go to standard error.",
            "Serves until standard input closes. Plugins, skills and config files are watched and reloaded when they"
                    + " change ([reload] in config.toml)."
        })
final class McpCommand implements Callable<Integer> {

    /** How long a request to the client (sampling, elicitation) may take. */
    static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(5);

    @ParentCommand
    PincerCommand top;

    @Override
    public Integer call() throws InterruptedException {
        // The protocol owns the real standard output; anything else printed goes to standard error.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream previous = System.out;
        System.setOut(System.err);
        McpJsonMapper json = McpJsonDefaults.getMapper();
        ConfigLoadResult config = ConfigLoader.create().load(top.layout());
        Catalog catalog = top.scan(config);
        try (RunningHost running = RunningHost.start(top, config, catalog);
                Reloader reloader = running.watch(top, config, catalog);
                McpBridge bridge =
                        new McpBridge(running.host(), PincerVersion.current().toString(), json, CLIENT_TIMEOUT)) {
            top.err()
                    .println("pincer mcp: serving "
                            + running.host().toolCatalog().size() + " tools over MCP on standard input and output"
                            + (reloader.watching() ? "; reloading plugins when their files change" : ""));
            McpStdioServer.serve(bridge, json, new FileInputStream(FileDescriptor.in), protocol);
            return 0;
        } finally {
            System.setOut(previous);
        }
    }
}
