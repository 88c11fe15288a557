package dev.pincer.core.diagnostics;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Signals an operation Pincer refused or could not complete, with the facts a person needs: what
 * was wrong, where, and what to do.
 *
 * <p>The one unchecked root of Pincer's exceptions; programmer errors use the JDK's standard
 * exceptions instead.
 *
 * @since 0.1.0
 */
public class PincerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String pluginId;
    private final transient Path path;
    private final String hint;

    /**
     * Creates an exception.
     *
     * @param code a stable dotted code, e.g. {@code config.edit-refused}
     * @param pluginId the plugin concerned, or {@code null}
     * @param path the file concerned, or {@code null}
     * @param message what was wrong, quoting the offending value
     * @param hint what to do, or {@code null}
     */
    public PincerException(String code, String pluginId, Path path, String message, String hint) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.pluginId = pluginId;
        this.path = path;
        this.hint = hint;
    }

    /** Returns the stable code. */
    public String code() {
        return code;
    }

    /** Returns the plugin concerned, or {@code null}. */
    public String pluginId() {
        return pluginId;
    }

    /** Returns the file concerned, or {@code null}. */
    public Path path() {
        return path;
    }

    /** Returns what to do, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** Returns this failure as an error diagnostic. */
    public Diagnostic toDiagnostic() {
        return Diagnostic.error(code, pluginId, path, getMessage(), hint);
    }
}
