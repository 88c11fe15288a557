package dev.pincer.mcp.runtime;

import dev.pincer.api.Health;
import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;
import dev.pincer.api.PluginException;
import dev.pincer.api.tool.Caller;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.PincerVersion;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.manifest.RuntimeSpec;
import dev.pincer.core.runtime.RuntimeSupport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * An MCP server as the host sees it: on activation it connects (starting the child, or reaching
 * the remote URL the plugin was granted), imports the server's tools through the context, and keeps
 * them in step with the server's {@code notifications/tools/list_changed}.
 *
 * <p>A tool call waits for a restarting server up to {@link McpSettings#restartWait()}, sends the
 * call with a progress token of its own (the server's progress comes back to the caller) and maps
 * the result with {@link Results}; a JSON-RPC error from the server is an error result the agent can
 * read, a broken connection fails the call. The server's log notifications go to the plugin's
 * logger. Thread-safe.
 */
final class McpPlugin implements Plugin {

    private static final int MAX_PAGES = 100;

    private final PluginManifest manifest;
    private final Path folder;
    private final RuntimeSpec.Mcp spec;
    private final McpSettings settings;
    private final RuntimeSupport support;
    private final String hostPath;
    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final McpJsonMapper json;
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile Connector connector;
    private volatile ToolTable table;

    McpPlugin(
            PluginManifest manifest,
            Path folder,
            McpSettings settings,
            RuntimeSupport support,
            String hostPath,
            ScheduledExecutorService scheduler,
            RandomGenerator random,
            McpJsonMapper json) {
        this.manifest = manifest;
        this.folder = folder;
        this.spec = (RuntimeSpec.Mcp) manifest.runtime();
        this.settings = settings;
        this.support = support;
        this.hostPath = hostPath;
        this.scheduler = scheduler;
        this.random = random;
        this.json = json;
    }

    @Override
    public void activate(PluginContext context) {
        String id = manifest.id();
        System.Logger logger = context.logger();
        String namespace = spec.namespace() != null ? spec.namespace() : ToolTable.defaultNamespace(id);
        Set<String> allowed =
                manifest.provides().tools().stream().map(Provides.Tool::name).collect(Collectors.toSet());
        ToolTable tools = new ToolTable(context, namespace, allowed, this::call);
        Function<McpClientTransport, McpSyncClient> clients = transport -> client(transport, tools, logger);
        Connector connecting;
        if (spec.url() != null) {
            URI url = URI.create(spec.url());
            Optional<String> refusal = support.httpRefusal(url);
            if (refusal.isPresent()) {
                throw new PluginException(
                        "mcp.network",
                        refusal.get() + "; a remote MCP server needs network access to its host: add \""
                                + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                                + "\" to permissions.network and approve the plugin again");
            }
            connecting = new RemoteConnector(id, url, settings, json, clients);
        } else {
            Launch launch = Launch.prepare(spec, folder, context, hostPath);
            connecting = new ChildSupervisor(
                    id,
                    launch,
                    settings,
                    scheduler,
                    random,
                    json,
                    clients,
                    c -> relist(c, tools, logger),
                    support::fail,
                    logger);
        }
        McpSyncClient client = connecting.start();
        this.table = tools;
        this.connector = connecting;
        try {
            tools.update(listAll(client));
        } catch (RuntimeException e) {
            connecting.stop();
            throw new PluginException(
                    "mcp.tools", "plugin '" + id + "' could not list the tools of its MCP server: " + describe(e), e);
        }
    }

    @Override
    public void deactivate() {
        Connector connected = connector;
        if (connected != null) {
            connected.stop();
        }
    }

    @Override
    public Health health() {
        Connector connected = connector;
        return connected == null ? Health.down("not activated") : connected.health();
    }

    /** Returns the Pincer names of the imported tools, for tests; empty before activation. */
    List<String> toolNames() {
        ToolTable tools = table;
        return tools == null ? List.of() : tools.names();
    }

    private McpSyncClient client(McpClientTransport transport, ToolTable tools, System.Logger logger) {
        Duration timeout =
                manifest.resources().timeout() != null ? manifest.resources().timeout() : settings.requestTimeout();
        return McpClient.sync(transport)
                .requestTimeout(timeout)
                .initializationTimeout(settings.initializeTimeout())
                .clientInfo(McpSchema.Implementation.builder(
                                "pincer", PincerVersion.current().text())
                        .build())
                .toolsChangeConsumer(tools::update)
                .loggingConsumer(note -> logger.log(
                        level(note.level()),
                        "(mcp" + (note.logger() == null ? "" : " " + note.logger()) + ") " + note.data()))
                .progressConsumer(this::progress)
                .build();
    }

    private void relist(McpSyncClient client, ToolTable tools, System.Logger logger) {
        try {
            tools.update(listAll(client));
        } catch (RuntimeException e) {
            logger.log(
                    System.Logger.Level.WARNING,
                    "could not list the tools of the restarted MCP server: " + describe(e));
        }
    }

    private ToolResult call(String remoteName, ToolCall call) throws InterruptedException {
        McpSyncClient client = connector.await(settings.restartWait());
        String token = manifest.id() + "-" + calls.incrementAndGet();
        callers.put(token, call.caller());
        try {
            McpSchema.CallToolResult result = client.callTool(
                    new McpSchema.CallToolRequest(remoteName, call.arguments(), Map.of("progressToken", token)));
            return Results.toToolResult(result);
        } catch (McpError e) {
            return ToolResult.error("the MCP server of plugin '" + manifest.id() + "' refused the call to '"
                    + remoteName + "': " + describe(e));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || causedBy(e, InterruptedException.class)) {
                throw new InterruptedException("the call to '" + remoteName + "' was interrupted");
            }
            throw new PluginException(
                    "mcp.call",
                    "the call to '" + remoteName + "' on the MCP server of plugin '" + manifest.id() + "' failed: "
                            + describe(e),
                    e);
        } finally {
            callers.remove(token);
        }
    }

    private void progress(McpSchema.ProgressNotification note) {
        Caller caller = callers.get(String.valueOf(note.progressToken()));
        if (caller != null && note.progress() != null) {
            caller.progress(note.progress(), note.total(), note.message());
        }
    }

    private static List<McpSchema.Tool> listAll(McpSyncClient client) {
        List<McpSchema.Tool> all = new ArrayList<>();
        McpSchema.ListToolsResult page = client.listTools();
        all.addAll(page.tools());
        for (int pages = 1; page.nextCursor() != null && pages < MAX_PAGES; pages++) {
            page = client.listTools(page.nextCursor());
            all.addAll(page.tools());
        }
        return all;
    }

    private static System.Logger.Level level(McpSchema.LoggingLevel level) {
        if (level == null) {
            return System.Logger.Level.INFO;
        }
        return switch (level) {
            case DEBUG -> System.Logger.Level.DEBUG;
            case INFO, NOTICE -> System.Logger.Level.INFO;
            case WARNING -> System.Logger.Level.WARNING;
            default -> System.Logger.Level.ERROR;
        };
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e.getCause() != null
                && (message == null
                        || message.isBlank()
                        || e.getCause() instanceof java.util.concurrent.TimeoutException)) {
            return describe(e.getCause());
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
