/**
 * Memory backends: where agents store what they learn and search it later.
 *
 * <p>A {@link dev.pincer.api.memory.MemoryBackend} stores {@link
 * dev.pincer.api.memory.MemoryRecord}s and returns scored {@link dev.pincer.api.memory.MemoryHit}s
 * for a query. The gateway uses one backend at a time, chosen by the exclusive {@code memory}
 * slot in its configuration: {@code "builtin"} (Pincer's own SQLite full-text backend, the
 * default), {@code "none"}, or the id of a plugin that registers a backend. Agents reach it
 * through the host's {@code memory_store}, {@code memory_search}, {@code memory_get} and {@code
 * memory_delete} tools.
 *
 * @since 0.1.0
 */
package dev.pincer.api.memory;
