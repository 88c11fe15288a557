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
 * fuel counter, so this sampling is how a busy guest is stopped on CPU rather than wall-clock time; a
 * budget is enforced to within one period. Thread-safe.
 */
final class CpuWatchdog implements AutoCloseable {

    static final long PERIOD_MS = 10;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Thread sampler;
    private volatile boolean stopped;

    /** One call being watched. */
    final class Watch implements AutoCloseable {
        private final Thread thread;
        private final long startCpu;
        private final long budget;
        private volatile boolean fired;
        private boolean closed;

        private Watch(Thread thread, long budget) {
            this.thread = thread;
            this.budget = budget;
            this.startCpu = threads.getThreadCpuTime(thread.getId());
        }

        /** Returns whether the budget ran out and the thread was interrupted for it. */
        boolean fired() {
            return fired;
        }

        /** Returns the CPU time the call has used so far. */
        Duration used() {
            return Duration.ofNanos(Math.max(0, threads.getThreadCpuTime(thread.getId()) - startCpu));
        }

        private synchronized void sample() {
            if (closed) {
                return;
            }
            long now = threads.getThreadCpuTime(thread.getId());
            if (!fired && now >= 0 && now - startCpu > budget) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Stops watching; once this returns, the watchdog no longer interrupts the thread. */
        @Override
        public synchronized void close() {
            closed = true;
            watches.remove(this);
        }
    }

    CpuWatchdog() {
        this.sampler = new Thread(this::run, "pincer-wasm-cpu");
        sampler.setDaemon(true);
    }

    /** Returns whether this JVM measures per-thread CPU time, without which budgets cannot be enforced. */
    boolean supported() {
        return threads.isThreadCpuTimeSupported();
    }

    /** Starts watching the current thread with {@code budget}; close the watch when the call ends. */
    Watch watch(Duration budget) {
        startSampling();
        Watch watch = new Watch(Thread.currentThread(), budget.toNanos());
        watches.add(watch);
        return watch;
    }

    /** Starts the sampler on first use, so a host without wasm calls runs no extra thread. */
    private synchronized void startSampling() {
        if (!supported() || stopped || sampler.getState() != Thread.State.NEW) {
            return;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
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
            watches.forEach(Watch::sample);
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
