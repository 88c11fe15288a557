package dev.pincer.core.runtime;

import dev.pincer.api.Plugin;
import java.util.List;
import java.util.Objects;

/**
 * A loaded plugin whose code lives in the host's own class loader (wasm, mcp), released by running
 * one action once: see {@link LoadedCode#of}.
 *
 * <p>Thread-safe.
 */
final class ReleasingCode implements LoadedCode {

    private final String pluginId;
    private final ClassLoader loader;
    private Plugin plugin;
    private Runnable release;

    ReleasingCode(String pluginId, Plugin plugin, ClassLoader loader, Runnable release) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.release = Objects.requireNonNull(release, "release");
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public synchronized Plugin plugin() {
        if (plugin == null) {
            throw new IllegalStateException("plugin '" + pluginId + "' is unloaded");
        }
        return plugin;
    }

    @Override
    public ClassLoader loader() {
        return loader;
    }

    @Override
    public synchronized boolean isUnloaded() {
        return plugin == null;
    }

    @Override
    public synchronized List<String> unload() {
        if (plugin != null) {
            plugin = null;
            Runnable once = release;
            release = null;
            once.run();
        }
        return List.of();
    }
}
