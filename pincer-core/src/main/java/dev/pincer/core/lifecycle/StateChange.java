package dev.pincer.core.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * Records one move of a plugin from one state to another, as {@link PluginLifecycle} made it.
 *
 * <p>Immutable.
 *
 * @param pluginId the plugin that moved
 * @param from the state it left
 * @param to the state it entered; never equal to {@code from}
 * @param reason why it moved, for a person, e.g. {@code "activate threw IllegalStateException"}
 * @param at when it moved, by the lifecycle's clock
 * @since 0.1.0
 */
public record StateChange(String pluginId, PluginState from, PluginState to, String reason, Instant at) {

    public StateChange {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (pluginId.isBlank()) {
            throw new IllegalArgumentException("plugin id must not be blank");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException(
                    "plugin '" + pluginId + "' going from " + from.label() + " to " + to.label() + " needs a reason");
        }
        if (from == to) {
            throw new IllegalArgumentException(
                    "plugin '" + pluginId + "' is already " + to.label() + "; a change needs two different states");
        }
    }

    /** Returns the change as a line for a person, e.g. {@code "plugin 'x': active -> deactivating (reload)"}. */
    public String describe() {
        return "plugin '" + pluginId + "': " + from.label() + " -> " + to.label() + " (" + reason + ")";
    }
}
