/**
 * Plugin manifests: the published schema, the reader that validates {@code pincer-plugin.json}
 * or {@code .toml} without running plugin code, and the immutable model it produces.
 */
package dev.pincer.core.manifest;
