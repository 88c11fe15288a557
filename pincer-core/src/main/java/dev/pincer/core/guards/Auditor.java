package dev.pincer.core.guards;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.audit.AuditSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Records one plugin's uses of the guarded services in the audit sink, stamped by the injected
 * clock.
 *
 * <p>Callers pass only names (a redacted URL, a path, a variable name, a program), never values.
 * Thread-safe.
 */
final class Auditor {

    private final AuditSink sink;
    private final Clock clock;
    private final String pluginId;

    Auditor(AuditSink sink, Clock clock, String pluginId) {
        this.sink = sink;
        this.clock = clock;
        this.pluginId = pluginId;
    }

    String pluginId() {
        return pluginId;
    }

    Instant now() {
        return clock.instant();
    }

    /** Records an allowed use that began at {@code started} and ended with {@code outcome}. */
    void allowed(Kind kind, String action, String target, Instant started, String outcome) {
        Instant at = clock.instant();
        Duration took = started.isAfter(at) ? Duration.ZERO : Duration.between(started, at);
        sink.record(new AuditEvent(
                at,
                "plugin:" + pluginId,
                pluginId,
                kind,
                action,
                target,
                Decision.ALLOWED,
                null,
                null,
                took,
                outcome,
                null));
    }

    /** Records a refused use and why it was refused. */
    void denied(Kind kind, String action, String target, String reason) {
        sink.record(AuditEvent.access(clock.instant(), pluginId, kind, action, target, Decision.DENIED, reason));
    }
}
