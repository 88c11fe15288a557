/**
 * The runtime interface: how the host loads a plugin of a given {@code runtime.type}. The {@code
 * jvm} runtime lives in {@code runtime.jvm}; others (WebAssembly, MCP) live in their own modules and
 * are handed to the host when it is created.
 */
package dev.pincer.core.runtime;
