package dev.pincer.core.reload;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names one difference between the running configuration and a newly loaded one, and whether a
 * running Pincer can apply it in place.
 *
 * <p>Immutable.
 *
 * @param key the setting, e.g. {@code gateway.port} or {@code plugins.entries.weather.config}
 * @param description the line an operator reads, e.g. {@code gateway.port 7433 -> 8000 in
 *     /home/u/.pincer/config.toml}; it never quotes a plugin's settings, which may hold secrets
 * @param area the part of the configuration, which decides whether it applies live
 * @param pluginIds the plugins whose enablement or settings the change touches
 * @param everyPlugin whether the change may touch the enablement of every plugin (an allowlist
 *     added or removed)
 * @since 0.1.0
 */
public record ConfigChange(String key, String description, Area area, Set<String> pluginIds, boolean everyPlugin) {

    public ConfigChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(area, "area");
        pluginIds = java.util.Collections.unmodifiableSet(new TreeSet<>(pluginIds));
    }

    /** Returns whether a running Pincer can apply this change without a restart. */
    public boolean live() {
        return area.live();
    }

    @Override
    public String toString() {
        return description;
    }

    /** The parts of the configuration, each either applicable live or only on a restart. */
    public enum Area {
        /** {@code plugins.allow}, {@code deny}, {@code entries} (enabled, config, hookTimeout), {@code slots}. */
        PLUGINS(true),
        /** {@code [policy]}: destructive, limits, trusted plugins, rules. */
        POLICY(true),
        /**
         * {@code [skills]}: trusted workspaces and proposals. Both are read when the host starts
         * (the skills library and the proposal watcher are built then), so they apply on a restart.
         */
        SKILLS(false),
        /** {@code plugins.paths}: extra plugin roots. */
        PLUGIN_PATHS(false),
        /** {@code [network]}: private hosts plugins may reach and how long their HTTP requests may take. */
        NETWORK(false),
        /** {@code [sandbox]}: limits for WebAssembly plugins. */
        SANDBOX(false),
        /** {@code [gateway]}: where the gateway listens and who may connect. */
        GATEWAY(false),
        /** {@code [reload]}: the strategy, debounce and watching themselves. */
        RELOAD(false),
        /** {@code [agent]}: the provider, model and limits of agent turns, read when the gateway starts. */
        AGENT(false),
        /** {@code [audit]}: how long audit records are kept, read when the audit log opens. */
        AUDIT(false);

        private final boolean live;

        Area(boolean live) {
            this.live = live;
        }

        /** Returns whether changes here apply without a restart. */
        public boolean live() {
            return live;
        }
    }
}
