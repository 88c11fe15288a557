/**
 * The JVM runtime: loads a plugin's jars into its own class loader, which shares only the plugin
 * API with the host and only exported packages between plugins, and unloads it again.
 *
 * <p>{@link dev.pincer.core.runtime.jvm.JvmRuntime} loads, {@link
 * dev.pincer.core.runtime.jvm.LoadedPlugin} holds and unloads, {@link
 * dev.pincer.core.runtime.jvm.PluginClassLoader} states the visibility rules, and {@link
 * dev.pincer.core.runtime.jvm.PluginLoadException} says why a plugin could not be loaded.
 *
 * @since 0.1.0
 */
package dev.pincer.core.runtime.jvm;
