package dev.pincer.mcp.runtime;

import dev.pincer.api.Health;
import dev.pincer.api.PluginException;
import dev.pincer.core.services.RestartPolicy;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs a stdio MCP server as a child process and keeps it running: starts it and completes the
 * handshake, restarts it with the {@link RestartPolicy}'s exponential back-off when it dies, and
 * gives up, telling the host to fail the plugin, when it dies more often within the policy's window
 * than the policy allows; the give-up message quotes its last stderr lines.
 *
 * <p>A death counts whether the child exited while running or failed its handshake on a restart.
 * Thread-safe.
 */
final class ChildSupervisor implements Connector {

    private static final Duration DRAIN = Duration.ofMillis(500);

    private final String pluginId;
    private final Launch launch;
    private final McpSettings settings;
    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final McpJsonMapper json;
    private final Function<McpClientTransport, McpSyncClient> clients;
    private final Consumer<McpSyncClient> restarted;
    private final Consumer<String> gaveUp;
    private final System.Logger logger;
    private final StderrTail tail = new StderrTail(20);
    private final Deque<Long> deaths = new ArrayDeque<>(); // guarded by this
    private Link current; // guarded by this
    private int generation; // guarded by this
    private boolean stopped; // guarded by this
    private String failure; // guarded by this
    private String lastDeath = "died"; // guarded by this
    private ScheduledFuture<?> pending; // guarded by this

    /** A running child: its client, transport and process. */
    private record Link(McpSyncClient client, ChildTransport transport, Process process, int generation) {}

    /** A start that did not get as far as a working server; {@code reason} is short. */
    private static final class SpawnFailed extends Exception {
        private static final long serialVersionUID = 1L;

        SpawnFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    ChildSupervisor(
            String pluginId,
            Launch launch,
            McpSettings settings,
            ScheduledExecutorService scheduler,
            RandomGenerator random,
            McpJsonMapper json,
            Function<McpClientTransport, McpSyncClient> clients,
            Consumer<McpSyncClient> restarted,
            Consumer<String> gaveUp,
            System.Logger logger) {
        this.pluginId = pluginId;
        this.launch = launch;
        this.settings = settings;
        this.scheduler = scheduler;
        this.random = random;
        this.json = json;
        this.clients = clients;
        this.restarted = restarted;
        this.gaveUp = gaveUp;
        this.logger = logger;
    }

    @Override
    public McpSyncClient start() {
        Link link;
        try {
            link = spawn();
        } catch (SpawnFailed e) {
            throw new PluginException(
                    "mcp.start",
                    "plugin '" + pluginId + "' could not start its MCP server " + launch.display() + ": "
                            + e.getMessage() + tail.describe());
        }
        synchronized (this) {
            current = link;
        }
        noticeEarlyExit(link);
        return link.client();
    }

    @Override
    public McpSyncClient await(Duration limit) throws InterruptedException {
        Link link;
        synchronized (this) {
            link = current;
        }
        if (link != null && !link.process().isAlive()) {
            // The exit may not have been handled yet: handle it now rather than call a dead child.
            died(link.generation(), link.process().exitValue());
        }
        return awaitCurrent(limit);
    }

    private synchronized McpSyncClient awaitCurrent(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (current == null) {
            if (failure != null) {
                throw new PluginException("mcp.failed", failure);
            }
            if (stopped) {
                throw new PluginException("mcp.stopped", "the MCP server of plugin '" + pluginId + "' is stopped");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new PluginException(
                        "mcp.restarting",
                        "the MCP server of plugin '" + pluginId + "' " + lastDeath + " and is being restarted;"
                                + " it was not back within " + limit.toMillis() + " ms; try again shortly");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return current.client();
    }

    @Override
    public synchronized Health health() {
        if (current != null) {
            return Health.healthy();
        }
        return failure != null ? Health.down(failure) : Health.degraded("its MCP server " + lastDeath + "; restarting");
    }

    @Override
    public void stop() {
        Link link;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            link = current;
            current = null;
            if (pending != null) {
                pending.cancel(false);
            }
            notifyAll();
        }
        if (link != null) {
            close(link);
        }
    }

    private void close(Link link) {
        try {
            link.client().closeGracefully();
        } catch (RuntimeException e) {
            logger.log(System.Logger.Level.DEBUG, "MCP client did not close cleanly: " + e.getMessage());
        }
        if (!link.transport().stop(settings.stopGrace())) {
            logger.log(
                    System.Logger.Level.WARNING,
                    "the MCP server " + launch.display() + " or a process it started did not end when stopped");
        }
    }

    private Link spawn() throws SpawnFailed {
        int gen;
        synchronized (this) {
            gen = ++generation;
        }
        ChildTransport transport = new ChildTransport(pluginId, launch.builder(), json, tail, logger);
        Process process;
        try {
            process = transport.start();
        } catch (IOException e) {
            throw new SpawnFailed("it could not be run (" + e.getMessage() + ")");
        }
        McpSyncClient client = clients.apply(transport);
        CompletableFuture<Object> handshake = CompletableFuture.supplyAsync(client::initialize);
        try {
            CompletableFuture.anyOf(handshake, process.onExit())
                    .get(settings.initializeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!handshake.isDone()) {
                throw new SpawnFailed("it exited with code " + process.exitValue() + " before the MCP handshake");
            }
            handshake.get();
        } catch (SpawnFailed e) {
            abandon(client, transport);
            throw e;
        } catch (TimeoutException e) {
            abandon(client, transport);
            throw new SpawnFailed("it did not complete the MCP handshake within "
                    + settings.initializeTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            abandon(client, transport);
            throw new SpawnFailed("the MCP handshake failed (" + describe(e.getCause()) + ")"
                    + (process.isAlive() ? "" : "; it exited with code " + process.exitValue()));
        } catch (InterruptedException e) {
            abandon(client, transport);
            Thread.currentThread().interrupt();
            throw new SpawnFailed("it was interrupted during the MCP handshake");
        }
        process.onExit().thenRunAsync(() -> died(gen, process.exitValue()), scheduler);
        return new Link(client, transport, process, gen);
    }

    private void abandon(McpSyncClient client, ChildTransport transport) {
        transport.stop(settings.stopGrace());
        transport.drainErrors(DRAIN);
        client.close();
    }

    /** Handles the exit of the child of generation {@code gen}; exits of stopped or older children are ignored. */
    private void died(int gen, int exitCode) {
        Link dead;
        synchronized (this) {
            if (stopped || current == null || current.generation() != gen) {
                return;
            }
            dead = current;
            current = null;
        }
        dead.transport().drainErrors(DRAIN);
        dead.client().close();
        logger.log(
                System.Logger.Level.WARNING,
                "the MCP server " + launch.display() + " exited with code " + exitCode + tail.describe());
        recordDeath("exited with code " + exitCode);
    }

    /** Counts a death, then schedules a restart after the back-off or gives up. */
    private void recordDeath(String how) {
        String reason = null;
        synchronized (this) {
            if (stopped) {
                return;
            }
            lastDeath = how;
            RestartPolicy policy = settings.restarts();
            long now = System.nanoTime();
            deaths.addLast(now);
            while (!deaths.isEmpty()
                    && now - deaths.peekFirst() > policy.window().toNanos()) {
                deaths.removeFirst();
            }
            if (deaths.size() > policy.maxRestarts()) {
                failure = "the MCP server of plugin '" + pluginId + "' " + launch.display() + " died " + deaths.size()
                        + " times within " + policy.window().toSeconds() + " s (last: " + how
                        + "); Pincer gave up restarting it" + tail.describe();
                reason = failure;
                notifyAll();
            } else {
                Duration delay = policy.delay(deaths.size() - 1, random);
                try {
                    pending = scheduler.schedule(this::restart, delay.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    failure = "the MCP server of plugin '" + pluginId + "' " + how + " while Pincer was stopping";
                    notifyAll();
                }
            }
        }
        if (reason != null) {
            gaveUp.accept(reason);
        }
    }

    private void restart() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        Link link;
        try {
            link = spawn();
        } catch (SpawnFailed e) {
            logger.log(
                    System.Logger.Level.WARNING,
                    "the MCP server " + launch.display() + " did not restart: " + e.getMessage() + tail.describe());
            recordDeath(e.getMessage());
            return;
        }
        synchronized (this) {
            if (stopped) {
                close(link);
                return;
            }
            current = link;
            notifyAll();
        }
        logger.log(System.Logger.Level.INFO, "the MCP server " + launch.display() + " was restarted");
        noticeEarlyExit(link);
        restarted.accept(link.client());
    }

    /** A child that exited before it became current was ignored by {@link #died}; count it now. */
    private void noticeEarlyExit(Link link) {
        if (!link.process().isAlive()) {
            died(link.generation(), link.process().exitValue());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
