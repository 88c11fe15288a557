package dev.pincer.core.services;

import dev.pincer.api.Health;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Does the work on one service for the {@link ServiceSupervisor}: calls its {@code start} and
 * {@code stop} through the guard, checks its health, and schedules its restarts.
 *
 * <p>Each method holds the service's {@linkplain Supervised#operation() operation lock} while it
 * calls {@code start} or {@code stop}, and gives up quietly when it finds its run stale. Thread-safe.
 */
final class ServiceRunner {

    private final Guard guard;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final RandomGenerator random; // guarded by itself: generators need not be thread-safe
    private final RestartPolicy restartPolicy;
    private final HealthPolicy healthPolicy;

    ServiceRunner(
            Guard guard,
            ScheduledExecutorService scheduler,
            Clock clock,
            RandomGenerator random,
            RestartPolicy restartPolicy,
            HealthPolicy healthPolicy) {
        this.guard = guard;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
        this.restartPolicy = restartPolicy;
        this.healthPolicy = healthPolicy;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Starts run {@code epoch} of {@code s}, a first start or a restart, and returns its failure or
     * {@code null}; on failure the restart policy has been applied by the time this returns.
     */
    String start(Supervised s, long epoch) throws InterruptedException {
        String failure;
        s.operation().lockInterruptibly();
        try {
            if (!s.isCurrent(epoch)) {
                return null;
            }
            Outcome<Object> outcome = call(s, Phase.SERVICE, () -> {
                s.service().start();
                return null;
            });
            failure = s.recordStart(epoch, outcome, now());
        } finally {
            s.operation().unlock();
        }
        if (failure != null) {
            recover(s, epoch, failure);
        } else if (s.probe() != null) {
            scheduleCheck(s, epoch, healthPolicy.interval());
        }
        return failure;
    }

    /** Stops {@code s} if it may be running, for the stop with epoch {@code stopEpoch}; returns its failure. */
    String stop(Supervised s, long stopEpoch) throws InterruptedException {
        s.operation().lockInterruptibly();
        try {
            return s.recordStop(stopEpoch, s.isStarted() ? callStop(s) : null, now());
        } finally {
            s.operation().unlock();
        }
    }

    /** Stops a failed or unhealthy run if it may be running, then restarts it or gives up. */
    private void recover(Supervised s, long epoch, String error) {
        String stopFailure = stopForRestart(s, epoch);
        String reason =
                stopFailure == null ? error : error + "; stopping it for the restart failed too: " + stopFailure;
        s.recover(
                epoch,
                reason,
                now(),
                restartPolicy,
                attempt ->
                        scheduler.schedule(() -> start(s, epoch), delay(attempt).toNanos(), TimeUnit.NANOSECONDS));
    }

    private String stopForRestart(Supervised s, long epoch) {
        try {
            s.operation().lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            if (!s.isCurrent(epoch) || !s.isStarted()) {
                return null;
            }
            Outcome<Object> outcome = callStop(s);
            s.recordStoppedForRestart();
            return Supervised.message(outcome);
        } finally {
            s.operation().unlock();
        }
    }

    private void scheduleCheck(Supervised s, long epoch, Duration delay) {
        s.scheduleCheck(epoch, () -> scheduler.schedule(() -> check(s, epoch), delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    private void check(Supervised s, long epoch) {
        if (!s.isCurrent(epoch)) {
            return;
        }
        String failure = checkFailure(s.pluginId(), call(s, Phase.HEALTH, s.probe()::probe));
        int failures = s.recordCheck(epoch, failure, now());
        if (failures >= healthPolicy.failureThreshold()) {
            recover(s, epoch, failures + " health checks in a row failed; the last: " + failure);
        } else if (failures >= 0) {
            scheduleCheck(s, epoch, healthPolicy.delayAfter(failures));
        }
    }

    /** Returns why a health check failed, or {@code null} when it passed (degraded passes). */
    private static String checkFailure(String pluginId, Outcome<Health> outcome) {
        if (!(outcome instanceof Outcome.Ok<Health> ok)) {
            return Supervised.message(outcome);
        }
        if (ok.value() == null) {
            return "plugin '" + pluginId + "' returned no health (null) from its health check";
        }
        if (ok.value().status() == Health.Status.DOWN) {
            return "plugin '" + pluginId + "' reports it is down: " + ok.value().detail();
        }
        return null;
    }

    private Outcome<Object> callStop(Supervised s) {
        return call(s, Phase.SERVICE, () -> {
            s.service().stop();
            return null;
        });
    }

    private <T> Outcome<T> call(Supervised s, Phase phase, Callable<T> body) {
        return guard.call(s.pluginId(), phase, s.loader(), s.timeout(), body);
    }

    private Duration delay(int attempt) {
        synchronized (random) {
            return restartPolicy.delay(attempt, random);
        }
    }
}
