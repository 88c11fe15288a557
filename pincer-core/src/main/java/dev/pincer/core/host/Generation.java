package dev.pincer.core.host;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the tool calls running on one generation of a plugin (one activation of its code), so
 * that a reload can let them finish on the old code before deactivating it.
 *
 * <p>A call {@linkplain #enter() enters} before it runs the plugin's handler and {@linkplain
 * #exit() exits} after. Once {@link #retire} has started, no call enters: {@code enter} returns
 * {@code false}, and the caller looks the tool up again, finding the new generation. The check
 * happens after the increment, so a call either is counted before retirement begins (and waited
 * for) or sees the retirement (and goes elsewhere); none slips between.
 *
 * <p>Thread-safe.
 */
final class Generation {

    private final long number;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean retired;

    /** Creates the generation numbered {@code number} (1 for a plugin's first activation). */
    Generation(long number) {
        this.number = number;
    }

    /** Returns 1 for a plugin's first activation in this process, one more for each reload. */
    long number() {
        return number;
    }

    /** Counts a call in; returns {@code false}, counting nothing, when this generation is retired. */
    boolean enter() {
        inFlight.incrementAndGet();
        if (retired) {
            exit();
            return false;
        }
        return true;
    }

    /** Counts a call out; wakes {@link #retire} when it was the last. */
    void exit() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Refuses new calls, then waits up to {@code patience} for the running ones to finish.
     *
     * @return the number of calls still running when the wait ended; 0 when all finished
     */
    int retire(Duration patience) {
        retired = true;
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return inFlight.get();
    }
}
