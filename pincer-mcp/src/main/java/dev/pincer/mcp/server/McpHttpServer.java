package dev.pincer.mcp.server;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.host.ReloadReport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves an {@link McpBridge} over Streamable HTTP at {@code /mcp} on Jetty.
 *
 * <p>Binds to loopback unless told otherwise. Every request passes a {@link RequestCheck}: the
 * {@code Host} header must name this server and a browser's {@code Origin} must be its own or an
 * allowed one, against DNS rebinding; a server bound to a non-loopback address refuses to start
 * without a bearer token, which every request must then carry.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class McpHttpServer implements AutoCloseable {

    /** The path of the MCP endpoint. */
    public static final String PATH = "/mcp";

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private McpHttpServer(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * Starts serving {@code bridge}.
     *
     * @param settings where to listen and who may connect
     * @return the running server
     * @throws PincerException {@code gateway.bind} when the address cannot be used, {@code
     *     gateway.token} when a non-loopback address has no token
     */
    public static McpHttpServer start(McpBridge bridge, McpJsonMapper json, Settings settings) {
        return start(bridge, json, settings, null);
    }

    /**
     * Starts serving {@code bridge}, and, when {@code management} is given, the management API at
     * {@code /api/} behind the same checks.
     *
     * @param settings where to listen and who may connect
     * @param management what the management API does, or {@code null} for no API
     * @return the running server
     * @throws PincerException {@code gateway.bind} when the address cannot be used, {@code
     *     gateway.token} when a non-loopback address has no token
     */
    public static McpHttpServer start(McpBridge bridge, McpJsonMapper json, Settings settings, Management management) {
        return start(bridge, json, settings, management, null, null);
    }

    /**
     * Starts serving {@code bridge}, the management API at {@code /api/} when {@code management} is
     * given, and the HTTP channel at {@code /api/chat} when {@code chat} is given, all behind the
     * same checks.
     *
     * @param management what the management API does, or {@code null} for no API
     * @param chat the HTTP channel, or {@code null} for none
     * @param chatWait how long a chat request waits for its reply; needed with {@code chat}
     * @return the running server
     * @throws PincerException {@code gateway.bind} when the address cannot be used, {@code
     *     gateway.token} when a non-loopback address has no token
     */
    public static McpHttpServer start(
            McpBridge bridge,
            McpJsonMapper json,
            Settings settings,
            Management management,
            HttpChannel chat,
            Duration chatWait) {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.host());
        } catch (UnknownHostException e) {
            throw new PincerException(
                    "gateway.bind",
                    null,
                    null,
                    "cannot listen on host '" + settings.host() + "': it does not resolve",
                    "set [gateway] host in config.toml (or --host) to an address of this machine, such as 127.0.0.1");
        }
        boolean loopback = address.isLoopbackAddress();
        if (!loopback && settings.token() == null) {
            throw new PincerException(
                    "gateway.token",
                    null,
                    null,
                    "refusing to serve MCP on " + settings.host() + " without a bearer token: anyone who can reach"
                            + " that address could call every plugin's tools",
                    "set [gateway] token_env in config.toml to the name of an environment variable holding a"
                            + " secret token, or listen on 127.0.0.1");
        }
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("pincer-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        Set<String> names = new HashSet<>();
        if (loopback) {
            names.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
        } else {
            names.add(settings.host().toLowerCase(Locale.ROOT));
        }
        settings.allowedHosts().forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        RequestCheck check =
                new RequestCheck(names, settings.allowedOrigins(), settings.token(), connector::getLocalPort);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(PATH)
                .httpHeaderValidator(check)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        transport.setSessionFactory(bridge.httpSessions(transport));

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        if (management != null) {
            context.addServlet(
                    new ServletHolder("api", new ManagementServlet(check, management)), ManagementServlet.PATH);
        }
        if (chat != null) {
            context.addServlet(
                    new ServletHolder(
                            "chat", new ChatServlet(check, chat, Objects.requireNonNull(chatWait, "chatWait"))),
                    ChatServlet.PATH);
        }
        server.setHandler(context);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // The start failure is what the person needs to read.
            }
            throw new PincerException(
                    "gateway.bind",
                    null,
                    null,
                    "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(),
                    "choose a free port with [gateway] port in config.toml or --port");
        }
        return new McpHttpServer(server, connector, settings.host());
    }

    /** Returns the port the server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Returns the URL of the MCP endpoint, e.g. {@code http://127.0.0.1:7400/mcp}. */
    public URI endpoint() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + name + ":" + port() + PATH);
    }

    /** Stops serving; requests in flight get up to two seconds to finish. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(McpHttpServer.class.getName())
                    .log(System.Logger.Level.WARNING, "the MCP HTTP server did not stop cleanly", e);
        }
    }

    /** What the gateway's management API does. */
    @FunctionalInterface
    public interface Management {

        /**
         * Reloads plugin {@code pluginId} (and its dependants) from disk.
         *
         * @throws IllegalArgumentException when no plugin of that id is known, with a message saying so
         */
        ReloadReport reload(String pluginId);
    }

    /**
     * Says where the server listens and who may connect.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for any free one
     * @param token the bearer token every request must carry, or {@code null}; required for a
     *     non-loopback {@code host}
     * @param allowedHosts more host names the server answers to (behind a proxy, say)
     * @param allowedOrigins origins of web pages allowed to call the endpoint
     */
    public record Settings(String host, int port, String token, Set<String> allowedHosts, Set<String> allowedOrigins) {

        public Settings {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535, but was " + port);
            }
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("a bearer token must not be blank");
            }
            allowedHosts = Set.copyOf(allowedHosts);
            allowedOrigins = Set.copyOf(allowedOrigins);
        }

        /** Returns settings for loopback on {@code port}, no token, nothing extra allowed. */
        public static Settings loopback(int port) {
            return new Settings("127.0.0.1", port, null, Set.of(), Set.of());
        }
    }
}
