package dev.pincer.core.lifecycle;

import java.util.Locale;

/**
 * Names the state a plugin is in, as shown by {@code pincer plugins list}.
 *
 * @since 0.1.0
 */
public enum PluginState {
    /** Configuration turned it off ({@code enabled = false}, or an exclusive slot went to another plugin). */
    DISABLED,
    /** Policy keeps it off: deny list, allowlist, slot clash, or an unusable config file. */
    BLOCKED,
    /** Enabled, valid, and every dependency satisfied: ready to be loaded. */
    RESOLVED,
    /** Enabled but unusable: invalid manifest or settings, or a dependency problem. */
    FAILED;

    /** Returns the plain lower-case word used in output, e.g. {@code "resolved"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
