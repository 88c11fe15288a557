package dev.pincer.core.guards;

import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.permissions.Grant;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the guarded host services for each plugin: HTTP, files, environment variables and
 * processes, each holding the plugin to its {@link Grant} and auditing every use, allowed or
 * denied.
 *
 * <p>One instance serves every plugin of a host and every runtime (JVM, WebAssembly, MCP); it owns
 * the HTTP transport, which {@link #close()} stops. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Guards implements AutoCloseable {

    private final GuardSettings settings;
    private final AuditSink audit;
    private final Map<String, String> environment;
    private final Clock clock;
    private final AddressResolver resolver;
    private final HttpTransport transport;

    /**
     * Creates the guards from their parts.
     *
     * @param settings the host's limits
     * @param audit where every use is recorded
     * @param environment the host's environment variables, read by the env service and for {@code
     *     PATH} by the process service
     * @param clock stamps audit events
     * @param resolver resolves host names, once per HTTP hop
     * @param transport sends checked HTTP hops; closed by {@link #close()}
     */
    public Guards(
            GuardSettings settings,
            AuditSink audit,
            Map<String, String> environment,
            Clock clock,
            AddressResolver resolver,
            HttpTransport transport) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.environment = Map.copyOf(environment);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Returns guards that use the system resolver, the system UTC clock and a {@link
     * JettyTransport} started on the first HTTP request a plugin makes.
     */
    public static Guards create(GuardSettings settings, AuditSink audit, Map<String, String> environment) {
        return new Guards(
                settings,
                audit,
                environment,
                Clock.systemUTC(),
                AddressResolver.system(),
                new LazyTransport(() -> JettyTransport.start(settings)));
    }

    /**
     * Returns the services of plugin {@code pluginId}.
     *
     * @param pluginId the plugin, as named in messages and audit events
     * @param grant what a person approved for it
     * @param dataDirectory its data folder: the default working folder of its processes
     * @throws dev.pincer.core.diagnostics.PincerException if a network pattern in the grant is
     *     malformed
     */
    public PluginAccess forPlugin(String pluginId, Grant grant, Path dataDirectory) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Auditor auditor = new Auditor(audit, clock, pluginId);
        HttpGate gate = new HttpGate(pluginId, HostPatterns.parse(pluginId, grant.network()), resolver, settings);
        return new PluginAccess(
                new GuardedHttp(gate, transport, settings, auditor),
                new GuardedFiles(grant.files(), settings.maxFileBytes(), auditor),
                new GuardedEnv(grant.env(), environment, auditor),
                new GuardedProcesses(grant, dataDirectory, environment, settings, auditor));
    }

    /**
     * Returns why plugin {@code pluginId} may not send HTTP to {@code target} under {@code grant},
     * with the rules of the guarded HTTP client (network grant, then every resolved address public
     * unless the operator lists the {@code host:port} as private), or empty when it may. Sends
     * nothing; for runtimes whose code makes its own connections, such as a remote MCP server.
     *
     * @param pluginId the plugin, as named in the message
     * @param grant what a person approved for it
     * @param target the URL to check
     * @return the refusal as a sentence naming the target and the missing permission; empty when
     *     allowed
     */
    public Optional<String> httpRefusal(String pluginId, Grant grant, URI target) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(target, "target");
        try {
            HttpGate gate = new HttpGate(pluginId, HostPatterns.parse(pluginId, grant.network()), resolver, settings);
            gate.check(target);
            return Optional.empty();
        } catch (Denial d) {
            return Optional.of("plugin '" + pluginId + "' may not reach '" + d.subject() + "': " + d.reason());
        } catch (IOException | RuntimeException e) {
            return Optional.of("plugin '" + pluginId + "' may not reach '" + target + "': " + e.getMessage());
        }
    }

    /** Stops the HTTP transport; services handed out before stop working for HTTP. */
    @Override
    public void close() {
        transport.close();
    }
}
