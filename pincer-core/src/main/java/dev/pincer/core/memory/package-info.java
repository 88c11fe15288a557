/**
 * Memory: which backend fills the exclusive {@code memory} slot ({@link
 * dev.pincer.core.memory.MemoryChoice}), the limits every record and query is held to ({@link
 * dev.pincer.core.memory.MemoryLimits}), and the built-in backend, SQLite full-text search in
 * {@code pincer.db} ({@link dev.pincer.core.memory.SqliteMemory}). Memory is shared: a search finds
 * what any session stored; a record's session id says where it came from. Uses {@code config},
 * {@code lifecycle} and {@code store}; the host's memory tools are in {@code host}.
 */
package dev.pincer.core.memory;
