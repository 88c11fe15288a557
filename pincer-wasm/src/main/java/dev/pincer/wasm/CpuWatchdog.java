package dev.pincer.wasm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces CPU-time budgets: a daemon thread samples the CPU time of every thread running a guest
 * call every {@value #PERIOD_MS} ms and interrupts the thread of a call that has used more than its
 * budget, which stops the guest (Chicory checks the interrupt flag in loops and calls). Chicory has no
 * fuel counter, so this sampling is how a busy guest is stopped on CPU rather than wall-clock time.
 *
 * <p>The call's thread never reads a clock: the sampler takes a call's starting CPU time the first
 * time it sees the call, so a budget is enforced to within two periods, and a call shorter than a
 * period costs two uncontended locks. Each thread has one reusable {@link Watch}; the sampler drops
 * the watches of threads that have ended. Thread-safe.
 */
final class CpuWatchdog implements AutoCloseable {

    static final long PERIOD_MS = 10;

    private static final long UNKNOWN = Long.MIN_VALUE;

    /** Holds the thread bean, whose management classes load only once a wasm call is watched. */
    private static final class Mx {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    }

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Watch> own = ThreadLocal.withInitial(this::register);
    private final Thread sampler;
    private volatile boolean stopped;

    /** The watch of one thread; it watches one call at a time, from {@link #watch} to {@link #end}. */
    final class Watch {
        private final Thread thread;
        private long budget;
        private long start = UNKNOWN;
        private boolean active;
        private volatile boolean fired;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        private synchronized void begin(long budget) {
            this.budget = budget;
            this.start = UNKNOWN;
            this.fired = false;
            this.active = true;
        }

        /** Returns whether the budget ran out and the thread was interrupted for it. */
        boolean fired() {
            return fired;
        }

        /** Stops watching the call; once this returns, the watchdog no longer interrupts the thread. */
        synchronized void end() {
            active = false;
        }

        private synchronized void sample() {
            if (!active || fired) {
                return;
            }
            long now = Mx.THREADS.getThreadCpuTime(thread.getId());
            if (now < 0) {
                return;
            }
            if (start == UNKNOWN) {
                start = now;
            } else if (now - start > budget) {
                fired = true;
                thread.interrupt();
            }
        }
    }

    CpuWatchdog() {
        this.sampler = new Thread(this::run, "pincer-wasm-cpu");
        sampler.setDaemon(true);
    }

    /** Returns whether this JVM measures per-thread CPU time, without which budgets cannot be enforced. */
    boolean supported() {
        return Mx.THREADS.isThreadCpuTimeSupported();
    }

    /** Starts watching a call on the current thread with {@code budget}; {@link Watch#end} it after. */
    Watch watch(Duration budget) {
        Watch watch = own.get();
        watch.begin(budget.toNanos());
        return watch;
    }

    private Watch register() {
        startSampling();
        Watch watch = new Watch(Thread.currentThread());
        watches.add(watch);
        return watch;
    }

    /** Starts the sampler on first use, so a host without wasm calls runs no extra thread. */
    private synchronized void startSampling() {
        if (!supported() || stopped || sampler.getState() != Thread.State.NEW) {
            return;
        }
        if (!Mx.THREADS.isThreadCpuTimeEnabled()) {
            Mx.THREADS.setThreadCpuTimeEnabled(true);
        }
        sampler.start();
    }

    private void run() {
        while (!stopped) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            watches.removeIf(w -> !w.thread.isAlive());
            watches.forEach(Watch::sample);
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
