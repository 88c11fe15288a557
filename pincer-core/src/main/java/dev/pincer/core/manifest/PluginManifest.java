package dev.pincer.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Holds a plugin's validated manifest ({@code pincer-plugin.json} or {@code .toml}).
 *
 * <p>Immutable: JSON trees are copied on the way in and must not be modified by readers. Only a
 * manifest that passed the schema and the semantic checks becomes a {@code PluginManifest}.
 *
 * @param id the plugin id, unique among enabled plugins
 * @param name a display name; the id when the manifest has none
 * @param version the plugin's semantic version
 * @param description what the plugin is for, or {@code null}
 * @param license an SPDX expression or licence name, or {@code null}
 * @param homepage a URL, or {@code null}
 * @param hostRange the semver range of Pincer versions supported, or {@code null} for any
 * @param runtime how to load it
 * @param provides what it declares it contributes
 * @param dependencies other plugin ids with a semver range each, in manifest order
 * @param permissions what it asks to touch
 * @param resources the limits it asks for
 * @param configSchema the JSON Schema of its settings, or {@code null} when it takes none
 * @param activation when to activate it
 * @param enabledByDefault whether it is enabled when the config says nothing about it ({@code
 *     true} unless the manifest says otherwise)
 * @param document the manifest as read, for display
 * @since 0.1.0
 */
public record PluginManifest(
        String id,
        String name,
        SemanticVersion version,
        String description,
        String license,
        String homepage,
        VersionRange hostRange,
        RuntimeSpec runtime,
        Provides provides,
        Map<String, VersionRange> dependencies,
        Permissions permissions,
        Resources resources,
        JsonNode configSchema,
        ActivationMode activation,
        boolean enabledByDefault,
        JsonNode document) {

    public PluginManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(provides, "provides");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(document, "document");
        dependencies = Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
        configSchema = configSchema == null ? null : configSchema.deepCopy();
        document = document.deepCopy();
    }

    /** Returns the supported host range, if the manifest states one. */
    public Optional<VersionRange> hostRangeIfAny() {
        return Optional.ofNullable(hostRange);
    }
}
