/**
 * Configuration and enablement: the home {@code config.toml} and workspace {@code pincer.toml},
 * which plugins are enabled and why, their settings, and atomic edits of the home file.
 */
package dev.pincer.core.config;
