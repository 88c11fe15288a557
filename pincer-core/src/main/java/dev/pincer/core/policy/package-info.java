/**
 * Tool-call policy: the trusted checks every call passes before any plugin hook sees it.
 * Configured rules, the built-in checks for destructive tools and spending limits, and rules that
 * trusted plugins add, combined so that the most restrictive verdict wins.
 */
package dev.pincer.core.policy;
