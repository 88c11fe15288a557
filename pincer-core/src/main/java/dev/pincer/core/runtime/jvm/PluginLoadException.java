package dev.pincer.core.runtime.jvm;

import dev.pincer.core.diagnostics.PincerException;
import java.nio.file.Path;

/**
 * Signals that a JVM plugin could not be loaded: a jar is missing or outside the plugin folder,
 * or the entry point cannot be found or instantiated.
 *
 * <p>Codes start with {@code runtime.}. Failures of the plugin's own code (static initialisers,
 * constructors) are not wrapped in this exception; they propagate as the plugin threw them.
 *
 * @since 0.1.0
 */
public class PluginLoadException extends PincerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param code a stable dotted code starting with {@code runtime.}
     * @param pluginId the plugin concerned
     * @param path the file or folder concerned, or {@code null}
     * @param message what was wrong, quoting the offending value
     * @param hint what to do
     */
    public PluginLoadException(String code, String pluginId, Path path, String message, String hint) {
        super(code, pluginId, path, message, hint);
    }

    /**
     * Creates an exception caused by {@code cause}.
     *
     * @param code a stable dotted code starting with {@code runtime.}
     * @param pluginId the plugin concerned
     * @param path the file or folder concerned, or {@code null}
     * @param message what was wrong, quoting the offending value
     * @param hint what to do
     * @param cause the underlying failure
     */
    public PluginLoadException(String code, String pluginId, Path path, String message, String hint, Throwable cause) {
        super(code, pluginId, path, message, hint);
        initCause(cause);
    }
}
