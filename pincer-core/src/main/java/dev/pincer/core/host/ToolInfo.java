package dev.pincer.core.host;

import java.util.Objects;

/**
 * Describes one tool a person or an agent can call: registered by an active plugin, or declared
 * by a lazy plugin that activates on the first call.
 *
 * <p>Immutable.
 *
 * @param name the tool name
 * @param plugin the plugin that provides it
 * @param description what it does, or {@code null}
 * @param inputSchemaJson its input schema as JSON text, or {@code null} when a lazy plugin's
 *     manifest does not state one
 * @param destructive whether calls are marked destructive
 * @param lazy whether the plugin is not active yet
 * @since 0.1.0
 */
public record ToolInfo(
        String name, String plugin, String description, String inputSchemaJson, boolean destructive, boolean lazy) {

    public ToolInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(plugin, "plugin");
    }
}
