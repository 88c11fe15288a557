/**
 * Pincer's embedded SQLite database, {@code $PINCER_HOME/pincer.db}: approvals, install records
 * the audit log and skill proposals, with versioned schema migrations and transactions that a crash never leaves
 * half done. Uses only {@code io} and {@code diagnostics}.
 */
package dev.pincer.core.store;
