package dev.pincer.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signals a failure a user can act on, with a machine-readable code and a message saying what
 * was wrong and what to do.
 *
 * <p>Plugins may throw it from any handler; Pincer reports the code and message as they are,
 * where other exceptions are reported as internal plugin errors. Pincer throws it from {@link
 * PluginContext} when it refuses a request. For programmer errors, use the standard JDK
 * exceptions instead. Instances are immutable once thrown.
 *
 * @since 0.1.0
 */
public class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /** The machine-readable code. */
    private final String code;

    /**
     * Creates an exception with a code and a user-facing message.
     *
     * @param code machine-readable code such as {@code quota_exceeded}: lowercase letters, digits,
     *     {@code _ . -}, starting with a letter, at most 64 characters
     * @param message what was wrong and what to do, not blank
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the code is malformed or the message blank
     */
    public PluginException(String code, String message) {
        this(code, message, null);
    }

    /**
     * Creates an exception with a code, a user-facing message and the cause.
     *
     * @param code machine-readable code, as in {@link #PluginException(String, String)}
     * @param message what was wrong and what to do, not blank
     * @param cause the underlying failure, or {@code null}
     * @throws NullPointerException if {@code code} or {@code message} is {@code null}
     * @throws IllegalArgumentException if the code is malformed or the message blank
     */
    public PluginException(String code, String message, Throwable cause) {
        super(requireMessage(message), cause);
        this.code = requireCode(code);
    }

    /**
     * Returns the machine-readable code, stable across releases of the plugin that throws it.
     *
     * @return the code, never {@code null}
     */
    public String code() {
        return code;
    }

    private static String requireCode(String code) {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("error code must be lowercase letters, digits, '_', '.' or '-',"
                    + " starting with a letter, at most 64 characters, but was: \"" + code + "\"");
        }
        return code;
    }

    private static String requireMessage(String message) {
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("error message must say what was wrong and what to do, but was blank");
        }
        return message;
    }
}
