/**
 * Checks one plugin folder the way {@code pincer plugins test} does: the manifest, the config
 * schema and settings, loading and activating the code, what it registers against what the
 * manifest declares, each tool's declared examples, and deactivation. {@link
 * dev.pincer.core.check.PluginCheck} runs the checks; {@link dev.pincer.core.check.CheckReport}
 * holds the outcome, one {@link dev.pincer.core.check.CheckResult} per check.
 */
package dev.pincer.core.check;
