package dev.pincer.api.access;

import dev.pincer.api.PluginException;

/**
 * Signals that a host service refused a use outside the plugin's approved permissions, or outside
 * the host's safety limits (a private network address, a path that escapes its root).
 *
 * <p>The message names what was refused and why; the refusal is in the audit log.
 *
 * @since 0.1.0
 */
public class AccessDeniedException extends PluginException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, why, and what to do
     */
    public AccessDeniedException(String message) {
        super("access.denied", message);
    }
}
