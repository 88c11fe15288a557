package dev.pincer.core.agent;

import java.util.Locale;
import java.util.Objects;

/**
 * Says what became of one message a channel received: whether a reply was sent, and if not, why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status how the message's handling ended, not {@code null}
 * @param sessionId the session it belonged to, or {@code null} when it was refused before one was
 *     found
 * @param text the reply as sent, or {@code null} when none was sent
 * @param detail why nothing was sent (who dropped or cancelled it, what failed), or {@code null}
 *     when a reply was sent
 * @since 0.1.0
 */
public record Delivery(Status status, String sessionId, String text, String detail) {

    public Delivery {
        Objects.requireNonNull(status, "status");
        if ((status == Status.SENT) != (text != null)) {
            throw new IllegalArgumentException("a reply text comes with SENT and only then, got " + status);
        }
        if (status != Status.SENT) {
            Objects.requireNonNull(detail, "a message that got no reply needs a detail");
        }
    }

    /** Ways the handling of a message can end. */
    public enum Status {
        /** A reply was sent through the channel. */
        SENT,
        /** A pipeline stage dropped the message or its reply. */
        DROPPED,
        /** A {@code message_sending} hook cancelled the reply. */
        CANCELLED,
        /** The message was handled and there was nothing to answer (a command or claim without reply). */
        SILENT,
        /** The reply could not be sent: the channel failed or is gone. */
        FAILED,
        /** The gateway did not take the message: it is stopping, the conversation is busy, or it is too long. */
        REFUSED;

        /** Returns the word used in output, e.g. {@code "sent"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Delivery sent(String sessionId, String text) {
        return new Delivery(Status.SENT, sessionId, text, null);
    }

    static Delivery not(Status status, String sessionId, String detail) {
        return new Delivery(status, sessionId, null, detail);
    }
}
