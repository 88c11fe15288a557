/**
 * WASI preview 1 for modules whose manifest says {@code "wasi": true}, built on Pincer's guarded
 * services instead of the host file system: every file is opened through {@link
 * dev.pincer.api.access.FileAccess} and every variable read through {@link
 * dev.pincer.api.access.EnvAccess}, so grants, link refusals, size caps and the audit log apply to
 * WASI exactly as to any other plugin. Entry point: {@link dev.pincer.wasm.wasi.GuardedWasi}.
 */
package dev.pincer.wasm.wasi;
