/**
 * The host: runs plugins from a catalog (activation, lazy activation, deactivation and unloading),
 * gives each its context, and serves their tools through one invocation path.
 */
package dev.pincer.core.host;
