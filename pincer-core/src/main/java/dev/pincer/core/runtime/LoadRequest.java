package dev.pincer.core.runtime;

import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.manifest.PluginManifest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link PluginRuntime} needs to load one plugin.
 *
 * @param manifest the plugin's validated manifest
 * @param folder the folder holding the manifest
 * @param audit where the runtime records what it refuses on the plugin's behalf (limits hit)
 * @param clock the host's clock, for audit times
 * @since 0.1.0
 */
public record LoadRequest(PluginManifest manifest, Path folder, AuditSink audit, Clock clock) {

    public LoadRequest {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
    }

    /** Returns the plugin's id. */
    public String pluginId() {
        return manifest.id();
    }
}
