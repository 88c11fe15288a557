package dev.pincer.mcp.server;

import dev.pincer.api.Registration;
import dev.pincer.api.prompt.PromptMessage;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.host.ToolInfo;
import dev.pincer.core.host.ToolRequest;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Speaks MCP for a {@link PluginHost}: answers every request from what plugins registered at that
 * moment (tools, resources, resource templates, prompts and their completions), calls tools through
 * the host's single invocation path (validation, policy, hooks, guard, audit), and tells connected
 * clients when those lists change.
 *
 * <p>The SDK's transports and sessions carry the protocol; this class supplies their handlers, so
 * lists are never copied into a second registry that could fall out of step with the host. One
 * bridge may serve several transports at once.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class McpBridge implements AutoCloseable {

    /** The protocol versions Pincer speaks, oldest first; a client asking for another gets the newest. */
    static final List<String> VERSIONS = List.of(
            ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26,
            ProtocolVersions.MCP_2025_06_18,
            ProtocolVersions.MCP_2025_11_25);

    private static final String ACTOR = "mcp";
    private static final Duration CHANGE_DELAY = Duration.ofMillis(50);
    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() {};

    private final PluginHost host;
    private final String version;
    private final Duration requestTimeout;
    private final McpJsonMapper json;
    private final Scheduler calls;
    private final ScheduledExecutorService changes;
    private final Registration listening;
    private final AtomicBoolean changePending = new AtomicBoolean();
    private final List<McpServerTransportProviderBase> providers = new CopyOnWriteArrayList<>();
    private final Map<String, McpLoggableSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();
    private volatile Lists sent;

    /**
     * Creates a bridge for {@code host}.
     *
     * @param host the host whose registry is served; it must outlive the bridge
     * @param version Pincer's version, sent to clients as the server version
     * @param json the SDK's JSON mapper
     * @param requestTimeout how long a request to a client (sampling, elicitation) may take
     */
    public McpBridge(PluginHost host, String version, McpJsonMapper json, Duration requestTimeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.version = Objects.requireNonNull(version, "version");
        this.json = Objects.requireNonNull(json, "json");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.calls = Schedulers.newBoundedElastic(
                Math.max(16, Runtime.getRuntime().availableProcessors() * 16), 10_000, "pincer-mcp-call");
        this.changes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pincer-mcp-changes");
            t.setDaemon(true);
            return t;
        });
        this.sent = lists();
        this.listening = host.onRegistryChange(snapshot -> scheduleChange());
    }

    /**
     * Returns the session factory for the stdio transport (one session per process).
     *
     * @param onClose runs when the session ends, e.g. because standard input closed
     */
    public McpServerSession.Factory stdioSessions(McpServerTransportProviderBase provider, Runnable onClose) {
        providers.add(provider);
        return transport -> stdioSession(transport, onClose);
    }

    /** Returns the session factory for the Streamable HTTP transport. */
    public McpStreamableServerSession.Factory httpSessions(McpServerTransportProviderBase provider) {
        providers.add(provider);
        DefaultMcpStreamableServerSessionFactory sdk = new DefaultMcpStreamableServerSessionFactory(
                requestTimeout,
                request -> Mono.just(initialize(request)),
                requestHandlers(),
                notificationHandlers(),
                id -> Mono.fromRunnable(() -> forget(id)),
                McpJsonDefaults.getSchemaValidator());
        return request -> {
            McpStreamableServerSession.McpStreamableServerSessionInit init = sdk.startSession(request);
            sessions.put(init.session().getId(), init.session());
            return init;
        };
    }

    private McpServerSession stdioSession(McpServerTransport transport, Runnable onClose) {
        String id = UUID.randomUUID().toString();
        McpServerSession session = new McpServerSession(
                id,
                requestTimeout,
                transport,
                request -> Mono.just(initialize(request)),
                requestHandlers(),
                notificationHandlers(),
                () -> Mono.fromRunnable(() -> {
                    forget(id);
                    onClose.run();
                }),
                McpJsonDefaults.getSchemaValidator());
        sessions.put(id, session);
        return session;
    }

    private void forget(String id) {
        sessions.remove(id);
        subscriptions.remove(id);
    }

    McpSchema.InitializeResult initialize(McpSchema.InitializeRequest request) {
        String asked = request.protocolVersion();
        String agreed = VERSIONS.contains(asked) ? asked : VERSIONS.get(VERSIONS.size() - 1);
        McpSchema.ServerCapabilities capabilities = McpSchema.ServerCapabilities.builder()
                .tools(true)
                .resources(true, true)
                .prompts(true)
                .logging()
                .completions()
                .build();
        return new McpSchema.InitializeResult(
                agreed,
                capabilities,
                new McpSchema.Implementation("pincer", "Pincer", version, null, null, null),
                "Pincer serves the tools, resources and prompts of its enabled plugins. Every tool call passes"
                        + " Pincer's policy, hooks and audit log; a refused call answers with an error result that"
                        + " says why.",
                null);
    }

    private Map<String, McpRequestHandler<?>> requestHandlers() {
        Map<String, McpRequestHandler<?>> handlers = new HashMap<>();
        handlers.put(McpSchema.METHOD_PING, (exchange, params) -> Mono.just(Map.of()));
        handlers.put(McpSchema.METHOD_TOOLS_LIST, (exchange, params) -> Mono.fromSupplier(this::listTools));
        handlers.put(McpSchema.METHOD_TOOLS_CALL, (exchange, params) -> blocking(() -> callTool(exchange, params)));
        handlers.put(McpSchema.METHOD_RESOURCES_LIST, (exchange, params) -> Mono.fromSupplier(this::listResources));
        handlers.put(
                McpSchema.METHOD_RESOURCES_TEMPLATES_LIST,
                (exchange, params) -> Mono.fromSupplier(this::listTemplates));
        handlers.put(McpSchema.METHOD_RESOURCES_READ, (exchange, params) -> blocking(() -> readResource(params)));
        handlers.put(
                McpSchema.METHOD_RESOURCES_SUBSCRIBE,
                (exchange, params) -> Mono.fromSupplier(() -> {
                    String uri = json.convertValue(params, McpSchema.SubscribeRequest.class)
                            .uri();
                    subscriptions
                            .computeIfAbsent(exchange.sessionId(), id -> ConcurrentHashMap.newKeySet())
                            .add(uri);
                    return Map.of();
                }));
        handlers.put(
                McpSchema.METHOD_RESOURCES_UNSUBSCRIBE,
                (exchange, params) -> Mono.fromSupplier(() -> {
                    String uri = json.convertValue(params, McpSchema.UnsubscribeRequest.class)
                            .uri();
                    Set<String> uris = subscriptions.get(exchange.sessionId());
                    if (uris != null) {
                        uris.remove(uri);
                    }
                    return Map.of();
                }));
        handlers.put(McpSchema.METHOD_PROMPT_LIST, (exchange, params) -> Mono.fromSupplier(this::listPrompts));
        handlers.put(McpSchema.METHOD_PROMPT_GET, (exchange, params) -> blocking(() -> getPrompt(params)));
        handlers.put(McpSchema.METHOD_COMPLETION_COMPLETE, (exchange, params) -> blocking(() -> complete(params)));
        handlers.put(
                McpSchema.METHOD_LOGGING_SET_LEVEL,
                (exchange, params) -> Mono.fromSupplier(() -> {
                    McpSchema.LoggingLevel level = json.convertValue(params, McpSchema.SetLevelRequest.class)
                            .level();
                    McpLoggableSession session = sessions.get(exchange.sessionId());
                    if (session == null) {
                        throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                                .message("no session '" + exchange.sessionId() + "' to set the log level of")
                                .build();
                    }
                    session.setMinLoggingLevel(level);
                    return Map.of();
                }));
        return handlers;
    }

    private Map<String, McpNotificationHandler> notificationHandlers() {
        Map<String, McpNotificationHandler> handlers = new HashMap<>();
        handlers.put(McpSchema.METHOD_NOTIFICATION_INITIALIZED, (exchange, params) -> Mono.empty());
        handlers.put(McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, (exchange, params) -> Mono.empty());
        handlers.put("notifications/cancelled", (exchange, params) -> Mono.empty());
        return handlers;
    }

    /** Runs work that waits on plugins off the transport's threads, so replies to our own requests still arrive. */
    private <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(calls);
    }

    McpSchema.ListToolsResult listTools() {
        return new McpSchema.ListToolsResult(
                host.toolCatalog().stream().map(this::tool).toList(), null, null);
    }

    private McpSchema.ListResourcesResult listResources() {
        return new McpSchema.ListResourcesResult(resources(host.content().resources()), null, null);
    }

    private McpSchema.ListResourceTemplatesResult listTemplates() {
        return new McpSchema.ListResourceTemplatesResult(
                templates(host.content().resources()), null, null);
    }

    private McpSchema.ListPromptsResult listPrompts() {
        return new McpSchema.ListPromptsResult(prompts(), null, null);
    }

    private McpSchema.CallToolResult callTool(McpAsyncServerExchange exchange, Object params) {
        McpSchema.CallToolRequest request = json.convertValue(params, McpSchema.CallToolRequest.class);
        Object progressToken = request.meta() == null ? null : request.meta().get("progressToken");
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        McpCaller caller = new McpCaller(exchange, progressToken, request.name(), requestTimeout);
        Invocation invocation = host.tools()
                .invoke(new ToolRequest(request.name(), arguments, exchange.sessionId(), ACTOR, false, caller));
        if (invocation.status() == Invocation.Status.UNKNOWN_TOOL) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(invocation.message())
                    .build();
        }
        if (invocation.status() != Invocation.Status.COMPLETED) {
            return McpSchema.CallToolResult.builder()
                    .content(List.of(new McpSchema.TextContent(null, invocation.message(), null)))
                    .isError(true)
                    .build();
        }
        ToolResult result = invocation.result();
        McpSchema.CallToolResult.Builder reply = McpSchema.CallToolResult.builder()
                .content(Contents.toMcp(result.content(), this::write))
                .isError(result.isError());
        List<Content.Json> structured = result.content().stream()
                .filter(Content.Json.class::isInstance)
                .map(Content.Json.class::cast)
                .toList();
        if (structured.size() == 1 && structured.get(0).value() instanceof Map<?, ?> object) {
            reply.structuredContent(object);
        }
        return reply.build();
    }

    private McpSchema.ReadResourceResult readResource(Object params) {
        String uri =
                json.convertValue(params, McpSchema.ReadResourceRequest.class).uri();
        try {
            List<McpSchema.ResourceContents> contents = host.content().read(uri, ACTOR).stream()
                    .map(Contents::toMcp)
                    .toList();
            return new McpSchema.ReadResourceResult(contents, null);
        } catch (PincerException e) {
            int code = "resource.unknown".equals(e.code())
                    ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND
                    : McpSchema.ErrorCodes.INTERNAL_ERROR;
            throw McpError.builder(code)
                    .message(withHint(e))
                    .data(Map.of("uri", uri))
                    .build();
        }
    }

    private McpSchema.GetPromptResult getPrompt(Object params) {
        McpSchema.GetPromptRequest request = json.convertValue(params, McpSchema.GetPromptRequest.class);
        Map<String, String> arguments = new LinkedHashMap<>();
        if (request.arguments() != null) {
            request.arguments().forEach((k, v) -> arguments.put(k, v == null ? "" : String.valueOf(v)));
        }
        try {
            List<PromptMessage> messages = host.content().prompt(request.name(), arguments, ACTOR);
            PromptSpec spec = host.content().prompts().stream()
                    .filter(p -> p.name().equals(request.name()))
                    .findFirst()
                    .orElse(null);
            return new McpSchema.GetPromptResult(
                    spec == null ? null : spec.description(),
                    messages.stream()
                            .map(m -> new McpSchema.PromptMessage(
                                    Contents.toMcp(m.role()), Contents.toMcp(m.content(), this::write)))
                            .toList(),
                    null);
        } catch (PincerException e) {
            int code = "prompt.failed".equals(e.code())
                    ? McpSchema.ErrorCodes.INTERNAL_ERROR
                    : McpSchema.ErrorCodes.INVALID_PARAMS;
            throw McpError.builder(code).message(withHint(e)).build();
        }
    }

    private McpSchema.CompleteResult complete(Object params) {
        McpSchema.CompleteRequest request = json.convertValue(params, McpSchema.CompleteRequest.class);
        List<String> values = List.of();
        if (request.ref() instanceof McpSchema.PromptReference prompt && request.argument() != null) {
            try {
                values = host.content()
                        .complete(
                                prompt.name(),
                                request.argument().name(),
                                Objects.requireNonNullElse(request.argument().value(), ""));
            } catch (PincerException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message(withHint(e))
                        .build();
            }
        }
        return new McpSchema.CompleteResult(
                new McpSchema.CompleteResult.CompleteCompletion(values, values.size(), false));
    }

    private static String withHint(PincerException e) {
        return e.hint() == null ? e.getMessage() : e.getMessage() + "; " + e.hint();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns what the host serves now, in MCP's terms. */
    private Lists lists() {
        List<ResourceSpec> specs = host.content().resources();
        return new Lists(tools(), resources(specs), templates(specs), prompts());
    }

    private List<McpSchema.Tool> tools() {
        return host.toolCatalog().stream().map(this::tool).toList();
    }

    private static List<McpSchema.Resource> resources(List<ResourceSpec> specs) {
        return specs.stream()
                .filter(r -> !r.isTemplate())
                .map(r -> new McpSchema.Resource(
                        r.uri(), r.name(), null, r.description(), r.mimeType(), null, null, null, null))
                .toList();
    }

    private static List<McpSchema.ResourceTemplate> templates(List<ResourceSpec> specs) {
        return specs.stream()
                .filter(ResourceSpec::isTemplate)
                .map(r -> new McpSchema.ResourceTemplate(
                        r.uri(), r.name(), null, r.description(), r.mimeType(), null, null, null))
                .toList();
    }

    private List<McpSchema.Prompt> prompts() {
        return host.content().prompts().stream()
                .map(p -> new McpSchema.Prompt(
                        p.name(),
                        null,
                        p.description(),
                        p.arguments().stream()
                                .map(a -> new McpSchema.PromptArgument(a.name(), null, a.description(), a.required()))
                                .toList(),
                        null,
                        null))
                .toList();
    }

    private McpSchema.Tool tool(ToolInfo info) {
        Map<String, Object> schema;
        try {
            schema = info.inputSchemaJson() == null
                    ? Map.of("type", "object")
                    : json.readValue(info.inputSchemaJson(), OBJECT);
        } catch (IOException e) {
            schema = Map.of("type", "object");
        }
        return McpSchema.Tool.builder(info.name(), schema)
                .description(info.description())
                .annotations(
                        info.destructive() ? new McpSchema.ToolAnnotations(null, false, true, null, null, null) : null)
                .build();
    }

    private void scheduleChange() {
        if (changePending.compareAndSet(false, true)) {
            changes.schedule(this::announceChanges, CHANGE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends each list_changed notification whose list changed, and resources/updated to subscribers. */
    private void announceChanges() {
        changePending.set(false);
        Lists before = sent;
        Lists now = lists();
        sent = now;
        if (!now.tools().equals(before.tools())) {
            notifyAll(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED);
        }
        if (!now.resources().equals(before.resources()) || !now.templates().equals(before.templates())) {
            notifyAll(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED);
            // A resource that was re-registered or withdrawn may read differently now.
            subscriptions.forEach((session, uris) -> uris.forEach(uri -> providers.forEach(p -> p.notifyClient(
                            session,
                            McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED,
                            new McpSchema.ResourcesUpdatedNotification(uri))
                    .onErrorResume(e -> Mono.empty())
                    .subscribe())));
        }
        if (!now.prompts().equals(before.prompts())) {
            notifyAll(McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED);
        }
    }

    private void notifyAll(String method) {
        for (McpServerTransportProviderBase provider : providers) {
            provider.notifyClients(method, Map.of())
                    .onErrorResume(e -> Mono.empty())
                    .subscribe();
        }
    }

    @Override
    public void close() {
        listening.close();
        changes.shutdownNow();
        calls.dispose();
    }

    /** What the host serves at one moment; the last one announced is kept to tell what changed. */
    private record Lists(
            List<McpSchema.Tool> tools,
            List<McpSchema.Resource> resources,
            List<McpSchema.ResourceTemplate> templates,
            List<McpSchema.Prompt> prompts) {}
}
