/**
 * Plugin lifecycle: the states a plugin can be in, the catalog that puts every installed plugin in
 * one with its reason, the {@link dev.pincer.core.lifecycle.PluginLifecycle} that owns every move
 * between states in a running host, and the {@link dev.pincer.core.lifecycle.Guard} through which
 * every call into plugin code goes.
 */
package dev.pincer.core.lifecycle;
