package dev.pincer.core.runtime.jvm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds, interrupts and reports the threads a plugin left running.
 *
 * <p>Stateless; thread-safe.
 */
final class LeftoverThreads {

    private LeftoverThreads() {}

    /**
     * Interrupts every live thread other than the caller's whose class {@code loader} defined or
     * whose context class loader is {@code loader}, waits up to {@code grace} in all for them to
     * end, and returns one sentence per thread still alive.
     */
    static List<String> stop(String pluginId, ClassLoader loader, Duration grace) {
        List<Thread> threads = find(loader);
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        List<String> report = new ArrayList<>();
        for (Thread thread : threads) {
            awaitEnd(thread, deadline);
            if (thread.isAlive()) {
                report.add("thread '" + thread.getName() + "' (id " + thread.getId() + ") of plugin '" + pluginId
                        + "' is still running " + grace.toMillis() + " ms after it was interrupted; it keeps the"
                        + " plugin's classes in memory until it ends");
            }
        }
        return report;
    }

    private static List<Thread> find(ClassLoader loader) {
        Thread current = Thread.currentThread();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread != current && thread.isAlive())
                .filter(thread ->
                        thread.getClass().getClassLoader() == loader || thread.getContextClassLoader() == loader)
                .sorted(Comparator.comparing(Thread::getName).thenComparing(Thread::getId))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static void awaitEnd(Thread thread, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            thread.join(Math.max(1, remaining / 1_000_000));
        } catch (InterruptedException e) {
            // Keep the caller's interrupt for it to act on; the thread is reported as still alive.
            Thread.currentThread().interrupt();
        }
    }
}
