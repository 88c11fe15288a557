package dev.pincer.core.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every call into plugin code: catches whatever the plugin throws (except
 * {@link VirtualMachineError}, which is rethrown because the JVM itself is in trouble), enforces a
 * time limit, records the plugin and phase, and tells a {@link FailureSink} so that a failure in a
 * phase that {@linkplain Phase#failsPlugin() fails the plugin} does so. The host carries on.
 *
 * <p>A call with a time limit runs on the guard's executor and is interrupted and abandoned when
 * the limit passes; a call without one runs on the caller's thread. The thread's context class
 * loader is set to {@code loader} for the duration of the call. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Guard {

    /** Receives every failure the guard catches. Implementations must be thread-safe. */
    @FunctionalInterface
    public interface FailureSink {
        /** Records that {@code pluginId} failed in {@code phase}; {@code outcome} says how. */
        void failed(String pluginId, Phase phase, Outcome<?> outcome);
    }

    private final ExecutorService executor;
    private final FailureSink sink;

    /**
     * Creates a guard.
     *
     * @param executor runs calls that have a time limit; its threads should be daemons
     * @param sink told about every failure and time-out
     */
    public Guard(ExecutorService executor, FailureSink sink) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Calls {@code body} for {@code pluginId} in {@code phase}.
     *
     * @param loader the plugin's class loader, made the context class loader; {@code null} to
     *     leave it alone
     * @param timeout the time limit, or {@code null} to run on the caller's thread without one
     * @throws VirtualMachineError if the plugin code raised one
     */
    public <T> Outcome<T> call(String pluginId, Phase phase, ClassLoader loader, Duration timeout, Callable<T> body) {
        Callable<T> scoped = () -> withContextLoader(loader, body);
        Outcome<T> outcome =
                timeout == null ? inline(pluginId, phase, scoped) : timed(pluginId, phase, timeout, scoped);
        if (!outcome.ok()) {
            sink.failed(pluginId, phase, outcome);
        }
        return outcome;
    }

    private static <T> Outcome<T> inline(String pluginId, Phase phase, Callable<T> body) {
        try {
            return new Outcome.Ok<>(body.call());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return failed(pluginId, phase, e);
        }
    }

    private <T> Outcome<T> timed(String pluginId, Phase phase, Duration timeout, Callable<T> body) {
        Future<T> future = executor.submit(body);
        try {
            return new Outcome.Ok<>(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome.TimedOut<>(
                    timeout,
                    "plugin '" + pluginId + "' did not finish " + phase.label() + " within " + timeout.toMillis()
                            + " ms; it was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof VirtualMachineError vmError) {
                throw vmError;
            }
            return failed(pluginId, phase, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failed(pluginId, phase, e);
        }
    }

    private static <T> Outcome<T> failed(String pluginId, Phase phase, Throwable error) {
        String message = error.getMessage();
        boolean forPeople = error instanceof dev.pincer.api.PluginException
                || error instanceof dev.pincer.core.diagnostics.PincerException;
        if (forPeople && message != null) {
            // Written for a person already: no class name, and no second "plugin 'x'" in front.
            return new Outcome.Failed<>(
                    error,
                    message.startsWith("plugin '" + pluginId + "'")
                            ? message
                            : "plugin '" + pluginId + "' failed in " + phase.label() + ": " + message);
        }
        String what = message == null
                ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new Outcome.Failed<>(error, "plugin '" + pluginId + "' failed in " + phase.label() + ": " + what);
    }

    private static <T> T withContextLoader(ClassLoader loader, Callable<T> body) throws Exception {
        if (loader == null) {
            return body.call();
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
