package dev.pincer.core.lifecycle;

import java.util.Locale;

/**
 * Names the state a plugin is in, as shown by {@code pincer plugins list}.
 *
 * <p>The catalog puts every installed plugin in {@link #DISABLED}, {@link #BLOCKED}, {@link
 * #AWAITING_APPROVAL}, {@link #RESOLVED} or {@link #FAILED}; the others belong to a running host,
 * whose {@link PluginLifecycle} owns the moves between them. Output that counts plugins per state
 * lists them in declaration order.
 *
 * @since 0.1.0
 */
public enum PluginState {
    /** Found on disk with a manifest; enablement and resolution have not decided about it yet. */
    DISCOVERED,
    /** Configuration turned it off ({@code enabled = false}, or an exclusive slot went to another plugin). */
    DISABLED,
    /** Policy keeps it off: deny list, allowlist, slot clash, or an unusable config file. */
    BLOCKED,
    /** Asks for permissions no person has approved yet: it is not activated until one does. */
    AWAITING_APPROVAL,
    /** Enabled, valid, and every dependency satisfied: ready to be loaded. */
    RESOLVED,
    /** Its runtime has loaded it (class loader, sandbox or process); its code has not been activated. */
    LOADED,
    /** Activated: its capabilities are registered and in use. */
    ACTIVE,
    /** Being deactivated: its capabilities are being withdrawn and its resources closed. */
    DEACTIVATING,
    /** Deactivated or unloaded cleanly; it can be resolved and loaded again. */
    INACTIVE,
    /** Enabled but unusable: invalid manifest or settings, a dependency problem, or its code failed. */
    FAILED;

    /** Returns the plain lower-case word used in output, e.g. {@code "resolved"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
