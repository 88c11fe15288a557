/**
 * The audit log: every tool call and every use of a guarded host service, allowed or denied, kept
 * in the store's {@code audit} table, written in the background with group commit. Uses {@code
 * store}, {@code diagnostics} and {@code io}.
 */
package dev.pincer.core.audit;
