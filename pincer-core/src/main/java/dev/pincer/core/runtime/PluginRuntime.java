package dev.pincer.core.runtime;

import dev.pincer.core.manifest.RuntimeType;

/**
 * Loads the plugins of one runtime type, so that the host can activate them like any other.
 *
 * <p>Loading prepares a plugin without activating it: the host then calls {@link
 * dev.pincer.api.Plugin#activate} on {@link LoadedCode#plugin()} through its guard, with a context
 * whose HTTP, file, environment and process access is held to the plugin's approved grants. The
 * host calls {@link #load} through its guard too, with the activation time limit, so an
 * implementation may do slow work here (reading and compiling a module) and must answer an
 * interrupt. Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface PluginRuntime {

    /** Returns the manifest {@code runtime.type} this runtime loads. */
    RuntimeType type();

    /**
     * Loads the plugin {@code request} describes.
     *
     * @return the loaded plugin, not yet activated
     * @throws dev.pincer.core.diagnostics.PincerException when the plugin cannot be loaded; its
     *     message says what was wrong and where, its hint what to do
     */
    LoadedCode load(LoadRequest request);
}
