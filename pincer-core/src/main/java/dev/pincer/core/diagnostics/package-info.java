/**
 * Findings that every layer reports: {@link dev.pincer.core.diagnostics.Diagnostic} and its
 * {@link dev.pincer.core.diagnostics.Severity}. Used by all packages below it.
 */
package dev.pincer.core.diagnostics;
