/**
 * The plugin model: what a plugin author implements and what the host hands back.
 *
 * <p>A plugin's manifest declares what it is and what it needs, so Pincer learns about a plugin
 * without running its code. When the plugin is enabled, Pincer calls {@link dev.pincer.api.Plugin#activate}
 * with a narrow {@link dev.pincer.api.PluginContext}, through which the plugin registers its tools,
 * commands, hooks, skills, services, channels, stages, providers and memory backends. Every call
 * from Pincer into plugin code goes through one guard: exceptions are caught and reported, the
 * plugin is marked failed when that is the rule, and the host keeps running.
 *
 * @since 0.1.0
 */
package dev.pincer.api;
