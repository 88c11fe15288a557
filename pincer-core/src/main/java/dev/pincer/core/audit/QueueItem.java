package dev.pincer.core.audit;

import java.util.concurrent.CompletableFuture;

/** What {@link AuditLog} hands its writer thread: an event, a flush marker, or the order to stop. */
sealed interface QueueItem {

    /** An event to write. */
    record Event(AuditEvent event) implements QueueItem {}

    /** Completed once every item queued before it is written, or exceptionally once given up. */
    record Marker(CompletableFuture<Void> done) implements QueueItem {}

    /** Sent last by {@link AuditLog#close()}: write what came before, then end. */
    record Stop() implements QueueItem {}
}
