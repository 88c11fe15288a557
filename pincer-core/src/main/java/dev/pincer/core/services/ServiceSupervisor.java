package dev.pincer.core.services;

import dev.pincer.api.Service;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Starts, stops, health-checks and restarts the background {@link Service}s that plugins register,
 * calling each of them only through the {@link Guard}.
 *
 * <p>{@link #startAll()} and {@link #stopAll(Duration)} work on every service at once and wait
 * within the services' time limits, so one slow service delays no other and none hangs the host. A
 * service whose start fails or times out, or whose {@link HealthProbe} fails {@link
 * HealthPolicy#failureThreshold()} times in a row, is restarted after the {@link RestartPolicy}'s
 * back-off until that policy is exhausted; then it stays {@link ServiceState#FAILED} with the reason.
 * Failures are also reported to the guard's failure sink, in {@link Phase#SERVICE} or {@link
 * Phase#HEALTH}.
 *
 * <p>Every call into a service runs on the injected scheduler, which also holds every delayed
 * restart and health check; it needs at least as many threads as services that should start or stop
 * at once. Instants come from the injected clock and jitter from the injected generator, so tests
 * control both. Nothing is static.
 *
 * <p>Thread-safe: every method may be called from any thread; {@link #statuses()} returns an
 * immutable snapshot.
 *
 * @since 0.1.0
 */
public final class ServiceSupervisor implements AutoCloseable {

    private final Guard guard;
    private final ScheduledExecutorService scheduler;
    private final ServiceRunner runner;
    private final Map<String, Supervised> services = new LinkedHashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /**
     * Creates a supervisor with no services.
     *
     * @param guard makes every call into a service or probe
     * @param scheduler runs starts, stops, health checks and delayed restarts; not shut down here
     * @param clock dates status changes and measures the restart window
     * @param random the source of back-off jitter
     * @param restartPolicy when and how often failed services are restarted
     * @param healthPolicy how often services with a probe are checked
     */
    public ServiceSupervisor(
            Guard guard,
            ScheduledExecutorService scheduler,
            Clock clock,
            RandomGenerator random,
            RestartPolicy restartPolicy,
            HealthPolicy healthPolicy) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.runner = new ServiceRunner(
                guard,
                scheduler,
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(random, "random"),
                Objects.requireNonNull(restartPolicy, "restartPolicy"),
                Objects.requireNonNull(healthPolicy, "healthPolicy"));
    }

    /**
     * Records a service that is not health-checked; see {@link #add(String, ClassLoader, Service,
     * Duration, HealthProbe)}.
     */
    public void add(String pluginId, ClassLoader loader, Service service, Duration timeout) {
        register(pluginId, loader, service, timeout, null);
    }

    /**
     * Records {@code service} of plugin {@code pluginId}, stopped until {@link #startAll()} or
     * {@link #startOwner(String)}; while it runs, {@code probe} is called every {@link
     * HealthPolicy#interval()}.
     *
     * @param loader the plugin's class loader, the context class loader of every call; may be {@code
     *     null}
     * @param timeout the time limit of each call to {@code start}, {@code stop} and {@code probe}
     * @throws IllegalArgumentException if the plugin already has a service of that name, or the
     *     service's name cannot be read or is blank
     * @throws IllegalStateException if the supervisor is closed
     */
    public void add(String pluginId, ClassLoader loader, Service service, Duration timeout, HealthProbe probe) {
        register(pluginId, loader, service, timeout, Objects.requireNonNull(probe, "probe"));
    }

    private void register(String pluginId, ClassLoader loader, Service service, Duration timeout, HealthProbe probe) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        String name = nameOf(pluginId, loader, service, timeout);
        Supervised supervised = new Supervised(pluginId, name, loader, service, probe, timeout, now());
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(
                        "the service supervisor is closed; " + supervised.describe() + " cannot be added");
            }
            if (services.putIfAbsent(key(pluginId, name), supervised) != null) {
                throw new IllegalArgumentException("plugin '" + pluginId + "' already has a service named '" + name
                        + "'; give each service of a plugin its own name");
            }
        }
    }

    private String nameOf(String pluginId, ClassLoader loader, Service service, Duration timeout) {
        Outcome<String> named = guard.call(pluginId, Phase.SERVICE, loader, timeout, service::name);
        if (!(named instanceof Outcome.Ok<String> ok)) {
            throw new IllegalArgumentException("plugin '" + pluginId + "' registered a service whose name could not"
                    + " be read: " + Supervised.message(named));
        }
        if (ok.value() == null || ok.value().isBlank()) {
            throw new IllegalArgumentException("plugin '" + pluginId + "' registered a service with a blank name;"
                    + " Service.name() must return a stable, non-blank name");
        }
        return ok.value();
    }

    /**
     * Starts every service that is not already started, all at once, and waits for them.
     *
     * <p>Waits at most twice the longest time limit. A service that failed to start is {@link
     * ServiceState#RESTARTING} or {@link ServiceState#FAILED} by the time this returns; a service
     * still starting is left to finish.
     *
     * @return a sentence per service that failed or is still starting; empty when all started
     * @throws IllegalStateException if the supervisor is closed
     */
    public List<String> startAll() {
        return start(select(s -> true));
    }

    /** Starts the services of {@code pluginId} as {@link #startAll()} does. */
    public List<String> startOwner(String pluginId) {
        Objects.requireNonNull(pluginId, "pluginId");
        return start(select(s -> s.pluginId().equals(pluginId)));
    }

    /**
     * Stops every service, all at once, cancelling their pending restarts and health checks.
     *
     * <p>Returns within {@code overall} (plus scheduling noise) whatever the services do: a service
     * whose stop has not finished by then is interrupted, abandoned and left {@link
     * ServiceState#FAILED}.
     *
     * @param overall the time limit for stopping all of them
     * @return a sentence per service that failed to stop or was abandoned, naming it; empty when all
     *     stopped cleanly
     */
    public List<String> stopAll(Duration overall) {
        Objects.requireNonNull(overall, "overall");
        return stop(select(s -> true), overall);
    }

    /**
     * Stops the services of {@code pluginId} as {@link #stopAll(Duration)} does, within twice their
     * longest time limit; they stay recorded and {@link #startOwner(String)} starts them again.
     */
    public List<String> stopOwner(String pluginId) {
        Objects.requireNonNull(pluginId, "pluginId");
        List<Supervised> owned = select(s -> s.pluginId().equals(pluginId));
        return stop(owned, doubled(longestTimeout(owned)));
    }

    /**
     * Stops the services of {@code pluginId} as {@link #stopOwner(String)} does and forgets them,
     * releasing the plugin's class loader; for unloading a plugin.
     */
    public List<String> removeOwner(String pluginId) {
        List<String> reports = stopOwner(pluginId);
        synchronized (this) {
            services.values().removeIf(s -> s.pluginId().equals(pluginId));
        }
        return reports;
    }

    /** Returns the status of every service, sorted by plugin id and name; an immutable snapshot. */
    public List<ServiceStatus> statuses() {
        return select(s -> true).stream()
                .map(Supervised::status)
                .sorted(Comparator.comparing(ServiceStatus::pluginId).thenComparing(ServiceStatus::name))
                .toList();
    }

    /**
     * Stops every service within twice the longest time limit, cancels everything scheduled, and
     * refuses further services. Call {@link #stopAll(Duration)} first to read what did not stop; the
     * {@link #statuses()} still show it afterwards. Idempotent; the scheduler is not shut down.
     */
    @Override
    public void close() {
        List<Supervised> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(services.values());
        }
        stop(all, doubled(longestTimeout(all)));
    }

    private List<String> start(List<Supervised> chosen) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the service supervisor is closed; services can no longer start");
            }
        }
        List<Pending> pending = new ArrayList<>();
        for (Supervised s : chosen) {
            OptionalLong epoch = s.claimStart(now());
            if (epoch.isPresent()) {
                long run = epoch.getAsLong();
                pending.add(new Pending(s, run, submit(s, () -> runner.start(s, run))));
            }
        }
        Duration limit = doubled(longestTimeout(chosen));
        return await(
                pending,
                limit,
                p -> p.service().describe() + " is still starting after " + RestartPolicy.describe(limit)
                        + "; it is left to finish");
    }

    private List<String> stop(List<Supervised> chosen, Duration overall) {
        List<Pending> pending = new ArrayList<>();
        for (Supervised s : chosen) {
            long stopEpoch = s.requestStop();
            pending.add(new Pending(s, stopEpoch, submit(s, () -> runner.stop(s, stopEpoch))));
        }
        return await(pending, overall, p -> abandon(p, overall));
    }

    private String abandon(Pending p, Duration overall) {
        String message =
                p.service().describe() + " did not stop within " + RestartPolicy.describe(overall) + "; abandoned";
        if (!p.service().abandon(p.epoch(), message, now())) {
            return null;
        }
        p.future().cancel(true);
        return message;
    }

    private Future<String> submit(Supervised s, Callable<String> job) {
        try {
            return scheduler.submit(job);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(
                    s.describe() + " could not be handled: the scheduler refused the work (" + e.getMessage() + ")");
        }
    }

    private Instant now() {
        return runner.now();
    }

    private synchronized List<Supervised> select(Predicate<Supervised> which) {
        return services.values().stream().filter(which).toList();
    }

    private static String key(String pluginId, String name) {
        return pluginId + '\u0000' + name;
    }

    private static Duration longestTimeout(List<Supervised> chosen) {
        return chosen.stream()
                .map(Supervised::timeout)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    private static Duration doubled(Duration timeout) {
        // one limit to wait for a start or stop already under way, one for the call itself
        return timeout.multipliedBy(2);
    }

    /** Waits for {@code pending} until {@code limit} has passed, then asks {@code late} about the rest. */
    private static List<String> await(List<Pending> pending, Duration limit, Function<Pending, String> late) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> reports = new ArrayList<>();
        for (Pending p : pending) {
            String report;
            try {
                report = p.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | CancellationException e) {
                report = late.apply(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                report = late.apply(p);
            } catch (ExecutionException e) {
                report = p.service().describe() + " could not be supervised: " + e.getCause();
            }
            if (report != null) {
                reports.add(report);
            }
        }
        return List.copyOf(reports);
    }

    /** A start or stop under way: the service, the epoch it was made for, and its job. */
    private record Pending(Supervised service, long epoch, Future<String> future) {}
}
