package dev.pincer.core.services;

import dev.pincer.api.Health;

/**
 * Asks how a service's plugin is doing; the host binds it to the plugin's {@code health()}.
 *
 * <p>The supervisor calls it through the guard, with the service's time limit, from any thread;
 * implementations must be thread-safe. A {@link Health.Status#DOWN DOWN} report, an exception, a
 * {@code null} or a time-out each count as one failed check.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Returns the current health.
     *
     * @return the health, never {@code null}
     * @throws Exception if the health cannot be determined; counts as a failed check
     */
    Health probe() throws Exception;
}
