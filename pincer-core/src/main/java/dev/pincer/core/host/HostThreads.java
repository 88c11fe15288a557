package dev.pincer.core.host;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the host's threads: guarded calls into plugin code (unbounded, because a call that hangs is
 * abandoned on its thread), hook observers, and the services' scheduler. Every thread is a daemon
 * whose context class loader is the host's: a thread created while a plugin call is running would
 * otherwise inherit that plugin's loader and keep it from being unloaded.
 *
 * <p>Thread-safe.
 */
final class HostThreads implements AutoCloseable {

    private final ExecutorService calls = Executors.newCachedThreadPool(daemons("pincer-call"));
    private final ExecutorService observers = Executors.newCachedThreadPool(daemons("pincer-observer"));
    private final ScheduledExecutorService scheduler = newScheduler();

    ExecutorService calls() {
        return calls;
    }

    ExecutorService observers() {
        return observers;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Interrupts everything still running and waits briefly for the call threads. */
    @Override
    public void close() {
        calls.shutdownNow();
        observers.shutdownNow();
        scheduler.shutdownNow();
        try {
            calls.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Services start and stop concurrently, up to eight at a time; idle threads go away. */
    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(8, daemons("pincer-scheduler"));
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader hostLoader = HostThreads.class.getClassLoader();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(hostLoader);
            return thread;
        };
    }
}
