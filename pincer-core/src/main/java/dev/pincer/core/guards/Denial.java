package dev.pincer.core.guards;

import dev.pincer.api.access.AccessDeniedException;

/**
 * Carries one refusal inside a guarded service, from the check that found it to the place that
 * audits it and throws {@link AccessDeniedException}: what was refused and why.
 *
 * <p>Not thread-safe; lives within one call.
 */
final class Denial extends Exception {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String reason;

    /**
     * Creates a refusal.
     *
     * @param subject what was refused, as shown to the plugin, e.g. {@code evil.com}
     * @param reason why, as a clause that completes the message, e.g. {@code not in its grant}
     */
    Denial(String subject, String reason) {
        super(subject + ": " + reason, null, false, false);
        this.subject = subject;
        this.reason = reason;
    }

    String subject() {
        return subject;
    }

    String reason() {
        return reason;
    }

    /** Returns the exception the plugin sees: {@code plugin 'id' may not <verb> '<subject>': <reason>}. */
    AccessDeniedException toException(String pluginId, String verb) {
        return toException(pluginId, verb, "");
    }

    /** Returns the exception the plugin sees, with {@code context} (e.g. where a redirect came from) after the subject. */
    AccessDeniedException toException(String pluginId, String verb, String context) {
        return new AccessDeniedException(
                "plugin '" + pluginId + "' may not " + verb + " '" + subject + "'" + context + ": " + reason);
    }
}
