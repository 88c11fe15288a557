package dev.pincer.api;

/**
 * Withdraws one capability registered through a {@link PluginContext}.
 *
 * <p>A plugin need not keep registrations: everything it registered is withdrawn automatically
 * when it is deactivated. Closing is only for withdrawing a capability earlier. Implementations
 * are thread-safe and {@link #close()} is idempotent.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /**
     * Withdraws the capability; calls after the first do nothing.
     *
     * <p>Calls already in progress on the capability finish normally; no new calls start.
     */
    @Override
    void close();
}
