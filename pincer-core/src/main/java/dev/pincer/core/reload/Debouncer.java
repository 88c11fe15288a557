package dev.pincer.core.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects changed paths until they have been quiet for the debounce time, or until the first of
 * them has waited the longest allowed, and then hands them out as one batch.
 *
 * <p>Times are {@link System#nanoTime()}-style readings passed in by the caller, so the rule can be
 * tested without waiting. Not thread-safe: {@link FileWatcher} guards it with its lock.
 */
final class Debouncer {

    private final long quietNanos;
    private final long maxWaitNanos;
    private final Set<Path> pending = new TreeSet<>();
    private long firstNanos;
    private long lastNanos;

    Debouncer(Duration quiet, Duration maxWait) {
        if (maxWait.compareTo(quiet) < 0) {
            throw new IllegalArgumentException(
                    "max wait " + maxWait + " is shorter than the debounce " + quiet + "; make it at least as long");
        }
        this.quietNanos = quiet.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Records {@code paths} as changed at {@code now}; an empty collection changes nothing. */
    void add(Collection<Path> paths, long now) {
        if (paths.isEmpty()) {
            return;
        }
        if (pending.isEmpty()) {
            firstNanos = now;
        }
        lastNanos = now;
        pending.addAll(paths);
    }

    /**
     * Returns how long until the pending batch is due: zero or less when it is due now, {@link
     * Long#MAX_VALUE} when nothing is pending.
     */
    long remaining(long now) {
        if (pending.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long quietEnds = lastNanos + quietNanos;
        long capEnds = firstNanos + maxWaitNanos;
        return (quietEnds - capEnds < 0 ? quietEnds : capEnds) - now;
    }

    /** Returns the pending paths, sorted, and forgets them. */
    Set<Path> drain() {
        Set<Path> batch = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
        pending.clear();
        return batch;
    }
}
