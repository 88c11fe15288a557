package dev.pincer.core.audit;

/**
 * Takes audit events.
 *
 * <p>Implementations are thread-safe and never throw: a failure to record is reported by the
 * implementation, not to the code that was audited.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AuditSink {

    /** A sink that keeps nothing, for tests and tools that audit elsewhere. */
    AuditSink NONE = event -> {};

    /** Records {@code event}. */
    void record(AuditEvent event);
}
