/**
 * The capability registry: one thread-safe record of every tool, command, hook, skill, service,
 * channel, stage, provider and memory backend that plugins register, each named capability owned
 * by exactly one plugin. Readers get immutable {@link dev.pincer.core.registry.RegistrySnapshot}s
 * with a generation number; a second claim on a name is a diagnostic, never an overwrite. Also
 * here: a plugin's {@link dev.pincer.core.registry.PluginShape} and the {@link
 * dev.pincer.core.registry.DeclarationCheck} of what it registered against its manifest.
 *
 * <p>May use {@code lifecycle} and every package above it; {@code lifecycle} never uses this one.
 */
package dev.pincer.core.registry;
