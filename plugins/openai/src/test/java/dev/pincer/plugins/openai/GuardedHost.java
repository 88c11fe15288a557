package dev.pincer.plugins.openai;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.guards.PluginAccess;
import dev.pincer.core.permissions.Grant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host's real guarded services for the {@code openai} plugin, as {@link Guards#create} makes
 * them: the system resolver, the Jetty transport and an audit log kept for assertions.
 */
final class GuardedHost implements AutoCloseable {

    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final Guards guards;
    private final Path data;

    /**
     * Starts the guards.
     *
     * @param privateHosts the {@code [network] private_hosts} of the home config
     * @param environment the host's environment
     * @param data the plugin's data folder
     */
    GuardedHost(Set<String> privateHosts, Map<String, String> environment, Path data) {
        this.guards = Guards.create(GuardSettings.defaults().withPrivateHosts(privateHosts), audit::add, environment);
        this.data = data;
    }

    /** Returns the services of plugin {@code openai} with {@code network} and {@code env} approved. */
    PluginAccess plugin(List<String> network, Set<String> env) {
        return guards.forPlugin("openai", new Grant(network, List.of(), env, false), data);
    }

    List<AuditEvent> audit() {
        return List.copyOf(audit);
    }

    @Override
    public void close() {
        guards.close();
    }
}
