/**
 * Pincer's embedded SQLite database, {@code $PINCER_HOME/pincer.db}: approvals, install records
 * the audit log, skill proposals and the built-in memory (with its full-text index), with versioned schema migrations and transactions that a crash never leaves
 * half done. Uses only {@code io} and {@code diagnostics}.
 */
package dev.pincer.core.store;
