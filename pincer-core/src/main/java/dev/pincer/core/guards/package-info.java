/**
 * Guarded host services: the only way a plugin touches the outside world. {@link
 * dev.pincer.core.guards.Guards} makes, per plugin, an HTTP client that refuses hosts outside the
 * grant and every non-public address (resolving each host once and pinning the connection to the
 * checked address), a file service that walks granted roots without following links, an
 * environment reader that hides what was not granted, and a process runner without a shell; each
 * records every use, allowed or denied, in the audit log. Uses {@code policy} and the packages
 * above it.
 *
 * @since 0.1.0
 */
package dev.pincer.core.guards;
