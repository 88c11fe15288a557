package dev.pincer.wasm.wasi;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit sink that keeps every event, for assertions. */
final class RecordingAudit implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> events() {
        return List.copyOf(events);
    }

    List<AuditEvent> of(Kind kind, Decision decision) {
        return events.stream()
                .filter(e -> e.kind() == kind && e.decision() == decision)
                .toList();
    }
}
