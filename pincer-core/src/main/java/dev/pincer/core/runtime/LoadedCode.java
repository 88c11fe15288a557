package dev.pincer.core.runtime;

import dev.pincer.api.Plugin;
import java.util.List;

/**
 * A plugin a runtime has loaded: its entry point and what must be released when it is unloaded.
 *
 * <p>The host activates and deactivates {@link #plugin()} through its guard, with {@link
 * #loader()} as the thread's context class loader, and calls {@link #unload()} once the plugin is
 * deactivated. Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface LoadedCode {

    /** Returns the plugin's id. */
    String pluginId();

    /**
     * Returns the plugin's entry point.
     *
     * @throws IllegalStateException once the plugin is unloaded
     */
    Plugin plugin();

    /**
     * Returns the class loader that plugin calls run under.
     *
     * @throws IllegalStateException once the plugin is unloaded
     */
    ClassLoader loader();

    /** Returns whether {@link #unload()} has been called. */
    boolean isUnloaded();

    /**
     * Releases what the plugin holds (class loaders, compiled modules, pooled instances, threads).
     * Calling it again does nothing.
     *
     * @return one sentence per thing that could not be released cleanly, empty when none
     */
    List<String> unload();

    /**
     * Returns a loaded plugin that runs in {@code loader} and is released by running {@code
     * release} once, on the first {@link #unload()}.
     *
     * @param release lets go of what the plugin holds (stops its process, frees its module); must
     *     not throw
     */
    static LoadedCode of(String pluginId, Plugin plugin, ClassLoader loader, Runnable release) {
        return new ReleasingCode(pluginId, plugin, loader, release);
    }
}
