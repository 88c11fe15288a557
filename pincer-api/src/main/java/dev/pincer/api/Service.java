package dev.pincer.api;

/**
 * Runs background work on behalf of a plugin, started and stopped by the host.
 *
 * <p>Pincer starts every registered service after the plugin's {@link Plugin#activate} returns,
 * and stops it before calling {@link Plugin#deactivate}. Both calls go through the host's guard
 * and come from one thread, never concurrently; a service whose {@code start} throws is reported
 * and not stopped.
 *
 * @since 0.1.0
 */
public interface Service {

    /**
     * Returns the service's name, unique within its plugin, for logs and the dashboard.
     *
     * @return a stable, non-blank name such as {@code "poller"}
     */
    String name();

    /**
     * Starts the work and returns promptly, running it on threads the service owns.
     *
     * @throws Exception if the service cannot start
     */
    void start() throws Exception;

    /**
     * Stops the work, ends the service's threads and returns when they have ended.
     *
     * @throws Exception if stopping fails; the plugin is still unloaded
     */
    void stop() throws Exception;
}
