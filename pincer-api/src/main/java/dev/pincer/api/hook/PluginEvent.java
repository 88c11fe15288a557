package dev.pincer.api.hook;

import java.util.Objects;

/**
 * Reports a plugin having been activated or deactivated.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param pluginId the plugin's id, as declared in its manifest; not blank
 * @param version the plugin's version, as declared in its manifest; not blank
 * @since 0.1.0
 */
public record PluginEvent(String pluginId, String version) {

    public PluginEvent {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        if (pluginId.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("a plugin event needs a plugin id and a version, but got id \""
                    + pluginId + "\" and version \"" + version + "\"");
        }
    }
}
