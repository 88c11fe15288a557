package dev.pincer.core.guards;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit sink that keeps every event, for assertions. */
final class RecordingSink implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> events() {
        return List.copyOf(events);
    }

    AuditEvent last() {
        if (events.isEmpty()) {
            throw new AssertionError("no audit event was recorded");
        }
        return events.get(events.size() - 1);
    }

    List<AuditEvent> denied() {
        return events.stream().filter(e -> e.decision() == Decision.DENIED).toList();
    }

    /** Returns every event rendered as text, to check that a secret appears nowhere. */
    String everything() {
        return events.toString();
    }
}
