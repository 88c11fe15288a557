package dev.pincer.core.runtime.jvm;

import dev.pincer.api.Plugin;
import dev.pincer.core.runtime.LoadedCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds a JVM plugin that {@link JvmRuntime} loaded: its id, its {@link Plugin} instance and its
 * class loader, until {@link #unload()}.
 *
 * <p>Loading does not activate: the host calls {@link Plugin#activate} and {@link
 * Plugin#deactivate} through its guard. After {@link #unload()} this object lets go of the plugin
 * and its loader, so once the host drops its own references (and the plugin's dependants are
 * unloaded), the loader and every class it defined can be garbage-collected. Thread-safe.
 *
 * @since 0.1.0
 */
public final class LoadedPlugin implements LoadedCode {

    private final String pluginId;
    private final Duration threadGrace;
    private final Path copies;
    private Plugin plugin;
    private PluginClassLoader loader;

    /**
     * Holds a loaded plugin.
     *
     * @param copies the folder of private jar copies the loader reads, deleted on unload; {@code
     *     null} when the loader reads the plugin's own jars
     */
    LoadedPlugin(String pluginId, Plugin plugin, PluginClassLoader loader, Duration threadGrace, Path copies) {
        this.copies = copies;
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.threadGrace = Objects.requireNonNull(threadGrace, "threadGrace");
    }

    /** Returns the plugin's id. */
    @Override
    public String pluginId() {
        return pluginId;
    }

    /**
     * Returns the plugin's entry point instance.
     *
     * @throws IllegalStateException once the plugin is unloaded
     */
    @Override
    public synchronized Plugin plugin() {
        requireLoaded();
        return plugin;
    }

    /**
     * Returns the plugin's class loader, to pass to the guard and to the plugin's dependants.
     *
     * @throws IllegalStateException once the plugin is unloaded
     */
    @Override
    public synchronized PluginClassLoader loader() {
        requireLoaded();
        return loader;
    }

    /** Returns whether {@link #unload()} has been called. */
    @Override
    public synchronized boolean isUnloaded() {
        return loader == null;
    }

    /**
     * Stops the plugin's leftover threads, closes its class loader and lets go of both.
     *
     * <p>The host deactivates the plugin first. A leftover thread is a live thread, other than the
     * caller, whose class the plugin's loader defined or whose context class loader is that loader.
     * Each is interrupted; those still alive after a short grace period are reported, since they
     * keep the loader in memory until they end. Calling this again does nothing and returns an
     * empty list.
     *
     * @return one sentence per leftover that could not be cleaned up, empty when none
     */
    @Override
    public synchronized List<String> unload() {
        if (loader == null) {
            return List.of();
        }
        PluginClassLoader closing = loader;
        plugin = null;
        loader = null;
        List<String> leftovers = new ArrayList<>(LeftoverThreads.stop(pluginId, closing, threadGrace));
        try {
            closing.close();
        } catch (IOException e) {
            leftovers.add("closing the jars of plugin '" + pluginId + "' failed: " + e.getMessage());
        }
        if (copies != null) {
            try {
                JarCopies.delete(copies);
            } catch (IOException e) {
                leftovers.add("deleting the jar copies of plugin '" + pluginId + "' in " + copies + " failed: "
                        + e.getMessage());
            }
        }
        return List.copyOf(leftovers);
    }

    @Override
    public String toString() {
        return "LoadedPlugin[" + pluginId + (isUnloaded() ? ", unloaded]" : "]");
    }

    private void requireLoaded() {
        if (loader == null) {
            throw new IllegalStateException("plugin '" + pluginId + "' is unloaded");
        }
    }
}
