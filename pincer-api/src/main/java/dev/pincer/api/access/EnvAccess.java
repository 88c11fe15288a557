package dev.pincer.api.access;

import java.util.Optional;

/**
 * Reads the environment variables the plugin was granted.
 *
 * <p>A name outside the grant reads exactly like an unset variable, so a plugin cannot learn which
 * variables exist. Thread-safe.
 *
 * @since 0.1.0
 */
public interface EnvAccess {

    /**
     * Returns the value of {@code name}.
     *
     * @param name the variable name
     * @return its value, or empty when unset or not granted
     */
    Optional<String> get(String name);

    /**
     * Returns the names the plugin was granted, whether or not each is set. Reading any other name
     * gives an empty value.
     *
     * @return the granted names
     */
    java.util.Set<String> granted();
}
