package dev.pincer.core.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs immediate tasks at once on real threads and keeps delayed ones until the test {@linkplain
 * #advance(Duration) advances} its clock, then runs them on the test's thread, in order of due time.
 *
 * <p>Thread-safe.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "manual-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final Instant origin;
    private final AtomicLong elapsed = new AtomicLong();
    private final List<Task<?>> queue = new ArrayList<>(); // guarded by this
    private long sequence; // guarded by this

    ManualScheduler(Instant origin) {
        this.origin = origin;
    }

    /** Returns a clock that reads the scheduler's time. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the test clock stays in UTC");
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    Instant now() {
        return origin.plusNanos(elapsed.get());
    }

    /** Moves time forward by {@code step}, running every delayed task that falls due on the way. */
    void advance(Duration step) {
        long target = elapsed.get() + step.toNanos();
        for (Task<?> next = takeDue(target); next != null; next = takeDue(target)) {
            elapsed.accumulateAndGet(next.due, Math::max);
            next.run();
        }
        elapsed.set(target);
    }

    /** Returns how far off each delayed task that is still live is, soonest first. */
    synchronized List<Duration> pendingDelays() {
        return queue.stream()
                .filter(t -> !t.isCancelled())
                .sorted()
                .map(t -> Duration.ofNanos(t.due - elapsed.get()))
                .toList();
    }

    private synchronized Task<?> takeDue(long target) {
        queue.removeIf(Task::isCancelled);
        Task<?> next = queue.stream().min(Comparator.naturalOrder()).orElse(null);
        if (next == null || next.due > target) {
            return null;
        }
        queue.remove(next);
        return next;
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> task = new Task<>(callable, elapsed.get() + unit.toNanos(delay), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(Executors.callable(command), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the supervisor schedules one task at a time");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the supervisor schedules one task at a time");
    }

    @Override
    public void execute(Runnable command) {
        threads.execute(command);
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }

    /** A delayed task, due when the scheduler's elapsed time reaches {@code due}. */
    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {

        private final long due;
        private final long order;

        Task(Callable<V> callable, long due, long order) {
            super(callable);
            this.due = due;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - elapsed.get(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> task) {
                int byDue = Long.compare(due, task.due);
                return byDue != 0 ? byDue : Long.compare(order, task.order);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
