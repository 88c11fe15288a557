package dev.pincer.testkit;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every audit event in memory, in the order recorded, for the test to read.
 *
 * <p>Thread-safe.
 */
final class RecordingAudit implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
