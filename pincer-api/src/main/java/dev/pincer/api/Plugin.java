package dev.pincer.api;

/**
 * Entry point of a plugin: registers the plugin's capabilities when Pincer activates it.
 *
 * <p>Implementations need a public no-argument constructor; Pincer finds them through the
 * manifest's entry point or {@link java.util.ServiceLoader}. Pincer calls every method here
 * through a guard: an exception thrown from {@link #activate} or {@link #deactivate} is caught,
 * reported with the plugin's id, and the plugin is marked failed; the host keeps running.
 *
 * <p>Thread-safety: Pincer calls {@link #activate} and {@link #deactivate} from one thread and
 * never concurrently; {@link #health} may be called from any thread while the plugin is active,
 * so it must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Plugin {

    /**
     * Registers this plugin's capabilities through the given context.
     *
     * <p>Capabilities registered here become visible to the gateway only after this method returns
     * normally; if it throws, everything registered so far is withdrawn.
     *
     * @param context the plugin's view of the host, never {@code null}; valid until deactivation
     * @throws Exception if the plugin cannot start; Pincer reports it and marks the plugin failed
     */
    void activate(PluginContext context) throws Exception;

    /**
     * Releases what {@link #activate} acquired, before Pincer withdraws the plugin's registrations.
     *
     * <p>Services registered by the plugin are already stopped when this is called. The default
     * does nothing.
     *
     * @throws Exception if cleanup fails; Pincer reports it and still unloads the plugin
     */
    default void deactivate() throws Exception {}

    /**
     * Returns the plugin's current health, for {@code pincer plugins doctor} and the dashboard.
     *
     * <p>Must return quickly and never {@code null}. The default reports {@link Health#healthy()}.
     *
     * @return the plugin's health
     */
    default Health health() {
        return Health.healthy();
    }
}
