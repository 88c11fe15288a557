package dev.pincer.core.manifest;

import java.util.Locale;

/**
 * Says when a plugin is activated: the manifest's {@code activation.mode}.
 *
 * @since 0.1.0
 */
public enum ActivationMode {
    /** When the host starts (the default). */
    STARTUP,
    /** When one of its declared tools or commands is first used. */
    LAZY;

    /** Returns the word used in manifests, e.g. {@code "lazy"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
