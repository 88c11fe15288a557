package dev.pincer.core.discovery;

import java.util.Locale;

/**
 * Names where a plugin root comes from, in increasing precedence.
 *
 * @since 0.1.0
 */
public enum RootKind {
    /** Plugins shipped with Pincer. */
    BUNDLED,
    /** {@code $PINCER_HOME/plugins}. */
    HOME,
    /** {@code .pincer/plugins} in the workspace (the current directory). */
    WORKSPACE,
    /** A path listed in {@code [plugins] paths} of a config file. */
    CONFIG;

    /** Returns the word used in output, e.g. {@code "workspace"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
