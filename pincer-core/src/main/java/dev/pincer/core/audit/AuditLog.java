package dev.pincer.core.audit;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.store.Store;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Keeps audit events in the store's {@code audit} table.
 *
 * <p>{@link #record} only queues the event: one background daemon thread writes everything queued
 * in one transaction per batch (group commit), so an audited call never waits for the disk. When
 * the queue is full the caller writes its event itself, so no event is dropped. A failed write
 * (full disk, closed store) is told to the problem sink given at construction and the events are
 * kept and retried with the next batch; events still unwritten when the log closes are reported
 * as lost. Nothing is lost silently while the process lives.
 *
 * <p>Thread-safe. Does not own the store: close the log before the store.
 *
 * @since 0.1.0
 */
public final class AuditLog implements AuditSink, AutoCloseable {

    /** How many events may wait for the writer before callers write their own. */
    static final int DEFAULT_CAPACITY = 8192;

    /** How long {@link #flush} waits for a failing store, and {@link #close} for the writer. */
    static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(30);

    private final Store store;
    private final BlockingQueue<QueueItem> queue;
    private final AuditWriter writer;
    private final Thread thread;
    private final Duration patience;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final ReadWriteLock state = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * Starts an audit log over {@code store}; failures to write are told to {@code problems}, which
     * is called from the writer thread or the recording thread and should not block.
     */
    public AuditLog(Store store, Consumer<String> problems) {
        this(store, problems, DEFAULT_CAPACITY, DEFAULT_PATIENCE);
    }

    AuditLog(Store store, Consumer<String> problems, int capacity, Duration patience) {
        this.store = Objects.requireNonNull(store, "store");
        this.patience = Objects.requireNonNull(patience, "patience");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new AuditWriter(store, queue, Objects.requireNonNull(problems, "problems"), settled);
        this.thread = new Thread(writer, "pincer-audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Keeps records for {@code keep} only: from now on the writer thread deletes older records after
     * its next batch and then at most once an hour, in the same way as {@link #prune}. A failed
     * deletion is told to the problem sink and tried again an hour later; it never stops writing.
     *
     * @param keep how long records are kept, or {@code null} to keep them forever
     */
    public void keepFor(Duration keep, java.time.Clock clock) {
        writer.keepFor(keep, clock);
    }

    /**
     * Deletes every record written before {@code before}, in one transaction.
     *
     * @return how many records were deleted
     */
    public int prune(Instant before) {
        return AuditRows.deleteBefore(store, before);
    }

    /**
     * Writes {@code event} inside a transaction the caller holds, so the record commits or rolls
     * back with the change it describes (an approval, say).
     *
     * @param c a connection inside {@link dev.pincer.core.store.Store#write}
     */
    public static void insertIn(Connection c, AuditEvent event) throws SQLException {
        AuditRows.insert(c, List.of(event));
    }

    /**
     * Records {@code event}: queues it for the writer thread, or writes it at once when the queue
     * is full or the log is closed. Never throws for a failed write; the failure goes to the
     * problem sink.
     *
     * @throws NullPointerException if {@code event} is {@code null}
     */
    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        recorded.incrementAndGet();
        boolean queued;
        state.readLock().lock();
        try {
            queued = !closed && queue.offer(new QueueItem.Event(event));
        } finally {
            state.readLock().unlock();
        }
        if (!queued) {
            writeNow(event);
        }
    }

    /**
     * Returns once every event recorded before this call is committed to the database.
     *
     * @throws PincerException {@code audit.flush} if they are still not written after 30 seconds
     *     (the store keeps failing; they stay queued and are retried), or were given up when the
     *     log closed
     */
    public void flush() {
        // Read settled before recorded: if they are equal, every event recorded so far is settled.
        if (settled.get() == recorded.get()) {
            return;
        }
        QueueItem.Marker marker = new QueueItem.Marker(new CompletableFuture<>());
        state.readLock().lock();
        try {
            if (closed) {
                awaitWriter();
                return;
            }
            if (!queue.offer(marker, patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw notFlushed("the queue stayed full");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notFlushed("the waiting thread was interrupted");
        } finally {
            state.readLock().unlock();
        }
        await(marker.done());
    }

    /**
     * Returns the newest events matching {@code q}, oldest first, including every event recorded
     * before this call.
     *
     * @throws PincerException {@code audit.flush} as {@link #flush}, {@code store.read} if the
     *     database cannot be read
     */
    public List<AuditEvent> query(AuditQuery q) {
        Objects.requireNonNull(q, "q");
        flush();
        return store.read(c -> AuditRows.select(c, q));
    }

    /**
     * Returns the sum of the costs of allowed tool calls at or after {@code since}, including every
     * event recorded before this call; zero when there are none.
     *
     * @throws PincerException as {@link #query}
     */
    public BigDecimal spentSince(Instant since) {
        Objects.requireNonNull(since, "since");
        flush();
        return store.read(c -> AuditRows.spentSince(c, since));
    }

    /**
     * Writes everything recorded so far and stops the writer thread, waiting at most 30 seconds
     * for a failing store; events still unwritten then are reported to the problem sink as lost.
     * Events recorded afterwards are written at once by the caller. Closing twice does nothing.
     */
    @Override
    public void close() {
        state.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            state.writeLock().unlock();
        }
        try {
            if (!queue.offer(new QueueItem.Stop(), patience.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.interrupt();
            }
            awaitWriter();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitWriter() throws InterruptedException {
        thread.join(patience.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join();
        }
    }

    private void await(CompletableFuture<Void> done) {
        try {
            done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String problem = writer.lastProblem();
            throw notFlushed(
                    problem == null
                            ? "the writer did not catch up within " + patienceText()
                            : "writes kept failing for " + patienceText() + "; the last failure: " + problem);
        } catch (ExecutionException e) {
            throw notFlushed(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notFlushed("the waiting thread was interrupted");
        }
    }

    private String patienceText() {
        long millis = patience.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private PincerException notFlushed(String why) {
        return new PincerException(
                "audit.flush",
                null,
                store.file(),
                "Audit events recorded before this call are still not written to " + store.file() + ": " + why,
                "Check that the disk has free space and that " + store.file()
                        + " is writable; events still queued are retried until the audit log closes.");
    }

    private void writeNow(AuditEvent event) {
        try {
            store.write(c -> {
                AuditRows.insert(c, List.of(event));
                return null;
            });
        } catch (RuntimeException e) {
            writer.report("Could not write an audit event to " + store.file() + ", so it is lost: " + event + ": "
                    + e.getMessage());
        } finally {
            settled.incrementAndGet();
        }
    }
}
