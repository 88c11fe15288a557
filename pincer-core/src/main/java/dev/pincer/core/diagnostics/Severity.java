package dev.pincer.core.diagnostics;

import java.util.Locale;

/**
 * Says how serious a {@link Diagnostic} is.
 *
 * @since 0.1.0
 */
public enum Severity {
    /** Something is wrong and the plugin (or setting) it concerns is not used. */
    ERROR,
    /** Something looks wrong but Pincer carried on; worth fixing. */
    WARNING,
    /** Worth knowing, nothing to fix (for example a shadowed plugin copy). */
    INFO;

    /** Returns the lower-case word used in output, e.g. {@code "error"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
