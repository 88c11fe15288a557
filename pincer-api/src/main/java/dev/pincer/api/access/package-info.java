/**
 * What a plugin may touch outside itself: HTTP, files, environment variables and processes, each
 * through a host service that holds the plugin to the permissions a person approved and records
 * every use, allowed or denied, in the audit log.
 *
 * <p>A plugin gets these from its {@link dev.pincer.api.PluginContext}. A use outside the grant
 * throws {@link dev.pincer.api.access.AccessDeniedException} naming what was refused and why;
 * nothing is sent, read, written or started. A JVM plugin runs in Pincer's own JVM, so these
 * services hold only the code that uses them; the WebAssembly and MCP runtimes route every access
 * through the same services.
 *
 * @since 0.1.0
 */
package dev.pincer.api.access;
