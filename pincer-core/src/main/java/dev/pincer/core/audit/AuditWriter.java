package dev.pincer.core.audit;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The body of {@link AuditLog}'s writer thread: takes what is queued, writes all of it in one
 * transaction (group commit), completes flush markers, and on a failure keeps the events and tries
 * again with the next batch after a pause.
 *
 * <p>Runs on one thread; {@link #lastProblem()} may be read from any.
 */
final class AuditWriter implements Runnable {

    /** Most events kept while writes fail; beyond it the queue fills and callers write themselves. */
    static final int MAX_PENDING = 4096;

    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 2000;
    /** After the first failure in a row, every this many failures is reported again. */
    private static final int REPORT_EVERY = 30;

    private final Store store;
    private final BlockingQueue<QueueItem> queue;
    private final Consumer<String> problems;
    private final AtomicLong settled;
    private volatile String lastProblem;
    private volatile Retention retention;

    /** How long records are kept, and when the writer next deletes older ones. */
    private record Retention(Duration keep, Clock clock, Instant due) {}

    /** How often, at most, the writer deletes records older than the retention. */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    AuditWriter(Store store, BlockingQueue<QueueItem> queue, Consumer<String> problems, AtomicLong settled) {
        this.store = store;
        this.queue = queue;
        this.problems = problems;
        this.settled = settled;
    }

    @Override
    public void run() {
        List<QueueItem> pending = new ArrayList<>();
        int failures = 0;
        long pause = FIRST_PAUSE_MILLIS;
        try {
            while (true) {
                if (pending.isEmpty()) {
                    pending.add(queue.take());
                }
                queue.drainTo(pending, Math.max(0, MAX_PENDING - pending.size()));
                if (!commit(pending, failures + 1)) {
                    failures++;
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
                    continue;
                }
                if (failures > 0) {
                    report("Audit events are written to " + store.file() + " again after " + failures
                            + " failed attempts; none was lost.");
                    failures = 0;
                    pause = FIRST_PAUSE_MILLIS;
                }
                if (pending.stream().anyMatch(QueueItem.Stop.class::isInstance)) {
                    return;
                }
                pending.clear();
                pruneIfDue();
            }
        } catch (InterruptedException e) {
            queue.drainTo(pending);
            abandon(pending);
        }
    }

    /** Sets how long records are kept ({@code null}: forever); the next batch prunes. */
    void keepFor(Duration keep, Clock clock) {
        retention = keep == null ? null : new Retention(keep, clock, Instant.MIN);
    }

    /** Deletes records older than the retention when a prune is due; a failure is reported, never thrown. */
    private void pruneIfDue() {
        Retention r = retention;
        if (r == null) {
            return;
        }
        Instant now = r.clock().instant();
        if (now.isBefore(r.due())) {
            return;
        }
        retention = new Retention(r.keep(), r.clock(), now.plus(PRUNE_EVERY));
        try {
            AuditRows.deleteBefore(store, now.minus(r.keep()));
        } catch (RuntimeException e) {
            report("Could not delete audit records older than " + r.keep().toDays() + " days from " + store.file()
                    + "; tried again in an hour: " + e.getMessage());
        }
    }

    /** Returns the message of the last write if it failed, or {@code null}. */
    String lastProblem() {
        return lastProblem;
    }

    /** Reports {@code message} to the problem sink, which must never stop the writer. */
    void report(String message) {
        try {
            problems.accept(message);
        } catch (RuntimeException e) {
            // The sink is how failures are told; if it fails there is no one left to tell.
        }
    }

    private boolean commit(List<QueueItem> pending, int attempt) {
        List<AuditEvent> events = events(pending);
        if (!events.isEmpty()) {
            try {
                store.write(c -> {
                    AuditRows.insert(c, events);
                    return null;
                });
            } catch (RuntimeException e) {
                lastProblem = e.getMessage();
                if (attempt == 1 || attempt % REPORT_EVERY == 0) {
                    report("Could not write " + count(events.size()) + " to " + store.file() + " (attempt " + attempt
                            + "); kept in memory and retried: " + e.getMessage());
                }
                return false;
            }
            settled.addAndGet(events.size());
            lastProblem = null;
        }
        for (QueueItem item : pending) {
            if (item instanceof QueueItem.Marker m) {
                m.done().complete(null);
            }
        }
        return true;
    }

    private void abandon(List<QueueItem> pending) {
        List<AuditEvent> events = events(pending);
        String message = "Gave up writing " + count(events.size()) + " to " + store.file()
                + " when the audit log closed; lost: "
                + Objects.requireNonNullElse(lastProblem, "the writer was stopped before it could write them");
        if (!events.isEmpty()) {
            report(message);
            settled.addAndGet(events.size());
        }
        for (QueueItem item : pending) {
            if (item instanceof QueueItem.Marker m) {
                m.done().completeExceptionally(new PincerException("audit.lost", null, store.file(), message, null));
            }
        }
    }

    /** Returns "1 audit event" or "{@code n} audit events". */
    static String count(int n) {
        return n == 1 ? "1 audit event" : n + " audit events";
    }

    private static List<AuditEvent> events(List<QueueItem> items) {
        List<AuditEvent> events = new ArrayList<>();
        for (QueueItem item : items) {
            if (item instanceof QueueItem.Event e) {
                events.add(e.event());
            }
        }
        return events;
    }
}
