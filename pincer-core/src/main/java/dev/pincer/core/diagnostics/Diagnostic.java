package dev.pincer.core.diagnostics;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one finding of discovery, validation, configuration or resolution: what was wrong,
 * where, and what to do about it.
 *
 * <p>Pincer collects diagnostics rather than throwing the first problem; callers decide what is
 * fatal. Instances are immutable and thread-safe.
 *
 * @param severity how serious the finding is
 * @param code a stable, dotted, machine-readable code such as {@code manifest.invalid}
 * @param pluginId the plugin concerned, or {@code null} when the finding is not about one plugin
 * @param path the file or folder concerned, or {@code null}
 * @param message what was wrong, quoting the offending value
 * @param hint what to do about it, or {@code null} when there is nothing useful to say
 * @since 0.1.0
 */
public record Diagnostic(Severity severity, String code, String pluginId, Path path, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (code.isBlank()) {
            throw new IllegalArgumentException("diagnostic code must not be blank");
        }
    }

    /** Returns an error diagnostic. */
    public static Diagnostic error(String code, String pluginId, Path path, String message, String hint) {
        return new Diagnostic(Severity.ERROR, code, pluginId, path, message, hint);
    }

    /** Returns a warning diagnostic. */
    public static Diagnostic warning(String code, String pluginId, Path path, String message, String hint) {
        return new Diagnostic(Severity.WARNING, code, pluginId, path, message, hint);
    }

    /** Returns an informational diagnostic. */
    public static Diagnostic info(String code, String pluginId, Path path, String message, String hint) {
        return new Diagnostic(Severity.INFO, code, pluginId, path, message, hint);
    }

    /** Returns whether this finding is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Returns the hint, if any. */
    public Optional<String> hintIfAny() {
        return Optional.ofNullable(hint);
    }

    /** Returns a copy of this diagnostic that concerns {@code id}. */
    public Diagnostic withPluginId(String id) {
        return new Diagnostic(severity, code, id, path, message, hint);
    }
}
