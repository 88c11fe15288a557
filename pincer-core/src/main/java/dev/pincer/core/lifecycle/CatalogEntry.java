package dev.pincer.core.lifecycle;

import dev.pincer.core.discovery.DiscoveredPlugin;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.permissions.Standing;
import dev.pincer.core.resolve.Requirement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Describes one plugin as the host sees it after discovery, configuration and resolution.
 *
 * <p>Immutable.
 *
 * @param plugin the winning copy found by discovery
 * @param state its state
 * @param reason why it is in that state, naming the rule and file
 * @param shadowed copies of the same id that lost to it
 * @param requirements how each dependency resolved (empty when resolution did not run for it)
 * @param settings its effective settings, or {@code null} when not computed or invalid
 * @param displaySettings the settings as a person may see them ({@code ${NAME}} left unexpanded),
 *     or {@code null} with {@code settings}
 * @param hookTimeout how long each of its hook handlers may take, as configured, or {@code null}
 *     for the host default
 * @param standing where its permissions stand (asked, granted, pending), or {@code null} when its
 *     manifest is invalid or it is disabled or blocked
 * @since 0.1.0
 */
public record CatalogEntry(
        DiscoveredPlugin plugin,
        PluginState state,
        String reason,
        List<DiscoveredPlugin> shadowed,
        List<Requirement> requirements,
        JsonNode settings,
        JsonNode displaySettings,
        Duration hookTimeout,
        Standing standing) {

    public CatalogEntry {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        shadowed = List.copyOf(shadowed);
        requirements = List.copyOf(requirements);
        settings = settings == null ? null : settings.deepCopy();
        displaySettings = displaySettings == null ? null : displaySettings.deepCopy();
    }

    /** Returns the plugin id. */
    public String id() {
        return plugin.id();
    }

    /** Returns the plugin folder. */
    public Path path() {
        return plugin.directory();
    }

    /** Returns the manifest, if it is valid. */
    public Optional<PluginManifest> manifest() {
        return plugin.manifest();
    }

    /**
     * Returns what the plugin asks for: with its {@code ${config.…}} placeholders resolved from
     * its settings when its permissions were weighed ({@link #standing()} is set), otherwise as its
     * manifest writes them (it is disabled or blocked, or its settings or their values are
     * invalid); nothing when its manifest is invalid.
     */
    public Permissions requestedPermissions() {
        if (standing != null) {
            return standing.requested();
        }
        return manifest().map(PluginManifest::permissions).orElse(Permissions.none());
    }

    /** Returns the display name: the manifest's, or the id. */
    public String name() {
        return manifest().map(PluginManifest::name).orElse(id());
    }

    /** Returns the runtime word, or {@code "?"} when the manifest is invalid. */
    public String runtime() {
        return manifest().map(m -> m.runtime().type().label()).orElse("?");
    }
}
