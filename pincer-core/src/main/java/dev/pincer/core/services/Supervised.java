package dev.pincer.core.services;

import dev.pincer.api.Service;
import dev.pincer.core.lifecycle.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Holds one supervised service and owns its state machine: every change of its {@link
 * ServiceState} happens in a method here.
 *
 * <p>Each run of the service, from the host asking for it to the host stopping it, has an epoch;
 * work scheduled for an older epoch finds itself stale and does nothing, which is how a stop
 * outruns restarts and health checks already under way.
 *
 * <p>Thread-safe: state lives under this object's monitor, and {@link #operation()} keeps the
 * service's {@code start} and {@code stop} from overlapping. No plugin code runs under the monitor.
 */
final class Supervised {

    private final String pluginId;
    private final String name;
    private final ClassLoader loader;
    private final Service service;
    private final HealthProbe probe;
    private final Duration timeout;
    private final ReentrantLock operation = new ReentrantLock();
    private final Deque<Instant> restartTimes = new ArrayDeque<>();

    private ServiceState state = ServiceState.STOPPED;
    private Instant since;
    private String lastError;
    private int restarts;
    private int failedChecks;
    private boolean wanted;
    private boolean started;
    private long epoch;
    private long settled = -1;
    private Future<?> restartTask;
    private Future<?> checkTask;

    Supervised(
            String pluginId,
            String name,
            ClassLoader loader,
            Service service,
            HealthProbe probe,
            Duration timeout,
            Instant now) {
        this.pluginId = pluginId;
        this.name = name;
        this.loader = loader;
        this.service = service;
        this.probe = probe;
        this.timeout = timeout;
        this.since = now;
    }

    String pluginId() {
        return pluginId;
    }

    String name() {
        return name;
    }

    ClassLoader loader() {
        return loader;
    }

    Service service() {
        return service;
    }

    /** Returns the health probe, or {@code null} when the service is not checked. */
    HealthProbe probe() {
        return probe;
    }

    Duration timeout() {
        return timeout;
    }

    /** Returns the lock held while the service's {@code start} or {@code stop} runs. */
    ReentrantLock operation() {
        return operation;
    }

    /** Returns {@code "service 'name' of plugin 'id'"}, for messages. */
    String describe() {
        return "service '" + name + "' of plugin '" + pluginId + "'";
    }

    synchronized ServiceStatus status() {
        return new ServiceStatus(pluginId, name, state, restarts, lastError, since);
    }

    /** Returns whether {@code runEpoch} is the current run and the host still wants it. */
    synchronized boolean isCurrent(long runEpoch) {
        return wanted && epoch == runEpoch;
    }

    /** Returns whether {@code start} may have left the service running, so that it needs a stop. */
    synchronized boolean isStarted() {
        return started;
    }

    /** Begins a new run and returns its epoch, or nothing when the service is already wanted. */
    synchronized OptionalLong claimStart(Instant now) {
        if (wanted) {
            return OptionalLong.empty();
        }
        wanted = true;
        epoch++;
        restarts = 0;
        failedChecks = 0;
        restartTimes.clear();
        move(ServiceState.STARTING, now);
        return OptionalLong.of(epoch);
    }

    /**
     * Records how {@code start} ended and returns the failure, or {@code null} when it started or the
     * run is stale. A time-out counts as started, since the service may be half running.
     */
    synchronized String recordStart(long runEpoch, Outcome<?> outcome, Instant now) {
        started = !(outcome instanceof Outcome.Failed<?>);
        if (!isCurrent(runEpoch)) {
            return null;
        }
        if (outcome.ok()) {
            failedChecks = 0;
            move(ServiceState.RUNNING, now);
            return null;
        }
        lastError = message(outcome);
        move(ServiceState.FAILED, now);
        return lastError;
    }

    /** Records that {@code stop} was called on the way to a restart. */
    synchronized void recordStoppedForRestart() {
        started = false;
    }

    /**
     * Records a health check of run {@code runEpoch}; {@code failure} is {@code null} when it passed.
     * Returns the failed checks in a row, or -1 when the run is stale.
     */
    synchronized int recordCheck(long runEpoch, String failure, Instant now) {
        if (!isCurrent(runEpoch)) {
            return -1;
        }
        if (failure == null) {
            failedChecks = 0;
            move(ServiceState.RUNNING, now);
            return 0;
        }
        failedChecks++;
        lastError = failure;
        move(ServiceState.UNHEALTHY, now);
        return failedChecks;
    }

    /**
     * Decides what follows {@code error} in run {@code runEpoch}: a restart, scheduled through
     * {@code schedule} with its attempt number, or giving up as {@code policy} says.
     */
    synchronized void recover(
            long runEpoch, String error, Instant now, RestartPolicy policy, IntFunction<Future<?>> schedule) {
        if (!isCurrent(runEpoch)) {
            return;
        }
        Instant cutoff = now.minus(policy.window());
        while (!restartTimes.isEmpty() && !restartTimes.peekFirst().isAfter(cutoff)) {
            restartTimes.removeFirst();
        }
        int recent = restartTimes.size();
        if (recent >= policy.maxRestarts()) {
            end();
            lastError = policy.givingUp(recent) + "; last error: " + error;
            move(ServiceState.FAILED, now);
            return;
        }
        restarts++;
        restartTimes.addLast(now);
        lastError = error;
        move(ServiceState.RESTARTING, now);
        restartTask = schedule.apply(recent);
    }

    /** Keeps {@code task}, made by {@code schedule}, as the next health check of run {@code runEpoch}. */
    synchronized void scheduleCheck(long runEpoch, Supplier<Future<?>> schedule) {
        if (isCurrent(runEpoch)) {
            checkTask = schedule.get();
        }
    }

    /** Ends the current run, cancelling its scheduled work, and returns the epoch of the stop. */
    synchronized long requestStop() {
        end();
        return epoch;
    }

    /**
     * Records how the stop with epoch {@code stopEpoch} ended ({@code outcome} is {@code null} when
     * nothing needed stopping) and returns its failure, or {@code null}.
     */
    synchronized String recordStop(long stopEpoch, Outcome<?> outcome, Instant now) {
        String failure = outcome == null ? null : message(outcome);
        if (outcome != null) {
            started = false;
        }
        if (epoch != stopEpoch) {
            return failure;
        }
        settled = stopEpoch;
        if (failure != null) {
            lastError = failure;
        }
        if (outcome != null || state != ServiceState.FAILED) {
            move(ServiceState.STOPPED, now);
        }
        return failure;
    }

    /** Marks the stop with epoch {@code stopEpoch} abandoned unless it has finished; returns whether. */
    synchronized boolean abandon(long stopEpoch, String message, Instant now) {
        if (settled == stopEpoch || epoch != stopEpoch) {
            return false;
        }
        epoch++;
        lastError = message;
        move(ServiceState.FAILED, now);
        return true;
    }

    private void end() {
        wanted = false;
        epoch++;
        cancel(restartTask);
        cancel(checkTask);
        restartTask = null;
        checkTask = null;
    }

    private void move(ServiceState next, Instant now) {
        if (state != next) {
            state = next;
            since = now;
        }
    }

    private static void cancel(Future<?> task) {
        if (task != null) {
            // not interrupting: a restart already calling start() finishes, then finds itself stale
            task.cancel(false);
        }
    }

    /** Returns the sentence of a failed or timed-out outcome, or {@code null} for success. */
    static String message(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Failed<?> failed) {
            return failed.message();
        }
        if (outcome instanceof Outcome.TimedOut<?> timedOut) {
            return timedOut.message();
        }
        return null;
    }
}
