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
 * @param support checks against the plugin's approved grant, and a way to fail the plugin later
 * @since 0.1.0
 */
public record LoadRequest(PluginManifest manifest, Path folder, AuditSink audit, Clock clock, RuntimeSupport support) {

    public LoadRequest {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(support, "support");
    }

    /** Creates a request with {@link RuntimeSupport#NONE}: no network grant, no host to report to. */
    public LoadRequest(PluginManifest manifest, Path folder, AuditSink audit, Clock clock) {
        this(manifest, folder, audit, clock, RuntimeSupport.NONE);
    }

    /** Returns the plugin's id. */
    public String pluginId() {
        return manifest.id();
    }
}
