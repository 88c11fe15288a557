/**
 * Dependency resolution: semver ranges between plugins and against the host, cycles, and the
 * deterministic activation order.
 */
package dev.pincer.core.resolve;
