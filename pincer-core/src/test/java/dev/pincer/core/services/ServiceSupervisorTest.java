package dev.pincer.core.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.Health;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceSupervisorTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration LIMIT = Duration.ofSeconds(5);
    /** Three restarts a minute, 100 ms doubling to 1 s, no jitter: delays the tests can predict. */
    private static final RestartPolicy RESTARTS =
            new RestartPolicy(3, Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(1), 0);
    /** A check a second, a restart after three failures in a row, no back-off between checks. */
    private static final HealthPolicy CHECKS = new HealthPolicy(Duration.ofSeconds(1), 3, Duration.ofSeconds(1));

    private final ExecutorService guardThreads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "guard");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final Guard guard = new Guard(guardThreads, (id, phase, outcome) -> reported.add(phase.label()));
    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private ServiceSupervisor supervisor = supervisor(RESTARTS, CHECKS);

    @AfterEach
    void tearDown() {
        supervisor.close();
        scheduler.shutdownNow();
        guardThreads.shutdownNow();
    }

    private ServiceSupervisor supervisor(RestartPolicy restarts, HealthPolicy checks) {
        return new ServiceSupervisor(guard, scheduler, scheduler.clock(), new Random(1), restarts, checks);
    }

    private ServiceStatus status(String pluginId, String name) {
        return supervisor.statuses().stream()
                .filter(s -> s.pluginId().equals(pluginId) && s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static TestService.Action failWith(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    @Test
    void startsServicesConcurrently() {
        CountDownLatch bothStarting = new CountDownLatch(2);
        TestService.Action meet = () -> {
            bothStarting.countDown();
            if (!bothStarting.await(2, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other service never started alongside");
            }
        };
        supervisor.add("mail", null, TestService.named("poller").onStart(meet), LIMIT);
        supervisor.add("search", null, TestService.named("indexer").onStart(meet), LIMIT);

        assertThat(supervisor.startAll()).isEmpty();

        assertThat(supervisor.statuses())
                .extracting(ServiceStatus::state)
                .containsExactly(ServiceState.RUNNING, ServiceState.RUNNING);
    }

    @Test
    void failedStartIsReportedAndRetriedAfterTheBackoff() {
        TestService web = TestService.named("http");
        web.onStart(() -> {
            if (web.starts() == 1) {
                throw new IllegalStateException("port 8080 is in use");
            }
        });
        supervisor.add("web", null, web, LIMIT);
        String error = "plugin 'web' failed in service: IllegalStateException: port 8080 is in use";

        assertThat(supervisor.startAll()).containsExactly(error);

        assertThat(status("web", "http"))
                .isEqualTo(new ServiceStatus("web", "http", ServiceState.RESTARTING, 1, error, T0));
        assertThat(reported).containsExactly("service");
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMillis(100));
        scheduler.advance(Duration.ofMillis(99));
        assertThat(web.starts()).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(web.starts()).isEqualTo(2);
        assertThat(status("web", "http"))
                .isEqualTo(new ServiceStatus(
                        "web", "http", ServiceState.RUNNING, 1, error, T0.plus(Duration.ofMillis(100))));
    }

    @Test
    void failedStartWithoutRestartsStaysFailedWithTheGuardsMessage() {
        supervisor = supervisor(RestartPolicy.never(), CHECKS);
        TestService web = TestService.named("http").onStart(failWith("port 8080 is in use"));
        supervisor.add("web", null, web, LIMIT);

        supervisor.startAll();

        ServiceStatus status = status("web", "http");
        assertThat(status.state()).isEqualTo(ServiceState.FAILED);
        assertThat(status.lastError())
                .isEqualTo("the restart policy allows no restarts; giving up; last error: plugin 'web' failed in"
                        + " service: IllegalStateException: port 8080 is in use");
        assertThat(scheduler.pendingDelays()).isEmpty();
        assertThat(web.stops()).as("a service whose start threw is not stopped").isZero();
    }

    @Test
    void startThatTimesOutFailsAndIsStopped() {
        supervisor = supervisor(RestartPolicy.never(), CHECKS);
        CountDownLatch never = new CountDownLatch(1);
        TestService slow = TestService.named("warmup").onStart(never::await);
        supervisor.add("cache", null, slow, Duration.ofMillis(100));

        supervisor.startAll();

        assertThat(status("cache", "warmup").state()).isEqualTo(ServiceState.FAILED);
        assertThat(status("cache", "warmup").lastError())
                .endsWith("last error: plugin 'cache' did not finish service within 100 ms; it was interrupted");
        assertThat(slow.stops())
                .as("a timed-out start may have left threads running")
                .isEqualTo(1);
    }

    @Test
    void stopAllReturnsWithinItsLimitAndNamesTheServiceThatHangs() {
        CountDownLatch never = new CountDownLatch(1);
        TestService stuck = TestService.named("stuck").onStop(never::await);
        TestService fine = TestService.named("fine");
        supervisor.add("slow", null, stuck, Duration.ofSeconds(10));
        supervisor.add("quick", null, fine, LIMIT);
        supervisor.startAll();

        long before = System.nanoTime();
        List<String> reports = supervisor.stopAll(Duration.ofMillis(200));
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        String abandoned = "service 'stuck' of plugin 'slow' did not stop within 200 ms; abandoned";
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(reports).containsExactly(abandoned);
        assertThat(status("slow", "stuck").state()).isEqualTo(ServiceState.FAILED);
        assertThat(status("slow", "stuck").lastError()).isEqualTo(abandoned);
        assertThat(status("quick", "fine").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(fine.stops()).isEqualTo(1);
    }

    @Test
    void givesUpWhenTheRestartPolicyIsExhausted() {
        supervisor = supervisor(
                new RestartPolicy(2, Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(1), 0), CHECKS);
        TestService broken = TestService.named("sync").onStart(failWith("no token"));
        supervisor.add("drive", null, broken, LIMIT);

        supervisor.startAll();
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMillis(100));
        scheduler.advance(Duration.ofMillis(100));
        assertThat(status("drive", "sync").state()).isEqualTo(ServiceState.RESTARTING);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMillis(200));
        scheduler.advance(Duration.ofMillis(200));

        ServiceStatus status = status("drive", "sync");
        assertThat(status.state()).isEqualTo(ServiceState.FAILED);
        assertThat(status.restarts()).isEqualTo(2);
        assertThat(status.lastError())
                .isEqualTo("restarted 2 times in 60 s; giving up; last error: plugin 'drive' failed in service:"
                        + " IllegalStateException: no token");
        assertThat(scheduler.pendingDelays()).isEmpty();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(broken.starts()).isEqualTo(3);
    }

    @Test
    void forgetsRestartsOlderThanTheWindow() {
        supervisor = supervisor(
                new RestartPolicy(1, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(100), 0),
                new HealthPolicy(Duration.ofSeconds(1), 1, Duration.ofSeconds(1)));
        TestService service = TestService.named("feed");
        supervisor.add("news", null, service, LIMIT, () -> Health.down("feed stalled"));
        supervisor.startAll();

        scheduler.advance(Duration.ofMillis(1100)); // check fails at 1 s, restart at 1.1 s
        scheduler.advance(Duration.ofMillis(1100)); // check fails at 2.1 s: the restart at 1 s has left the window

        assertThat(service.starts()).isEqualTo(3);
        assertThat(status("news", "feed").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(status("news", "feed").restarts()).isEqualTo(2);
    }

    @Test
    void restartsAfterThresholdFailedChecksAndAPassingCheckResetsTheCount() {
        Deque<Object> answers = new ArrayDeque<>(List.of(
                Health.down("database unreachable"),
                new IllegalStateException("probe crashed"),
                Health.healthy(),
                Health.down("database unreachable"),
                Health.degraded("slow replies"),
                new IllegalStateException("probe crashed"),
                Health.down("database unreachable"),
                Health.down("database unreachable")));
        HealthProbe probe = () -> {
            Object next = answers.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (Health) next;
        };
        TestService store = TestService.named("store");
        supervisor.add("db", null, store, LIMIT, probe);
        supervisor.startAll();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(status("db", "store").state()).isEqualTo(ServiceState.UNHEALTHY);
        assertThat(status("db", "store").lastError()).isEqualTo("plugin 'db' reports it is down: database unreachable");
        scheduler.advance(Duration.ofSeconds(2)); // a crash, then a pass
        assertThat(status("db", "store").state()).isEqualTo(ServiceState.RUNNING);
        scheduler.advance(Duration.ofSeconds(4)); // down, degraded (passes), crash, down
        assertThat(store.stops()).as("degraded passes and resets the count").isZero();
        assertThat(status("db", "store").state()).isEqualTo(ServiceState.UNHEALTHY);

        scheduler.advance(Duration.ofSeconds(1)); // third failure in a row

        assertThat(store.stops()).isEqualTo(1);
        ServiceStatus restarting = status("db", "store");
        assertThat(restarting.state()).isEqualTo(ServiceState.RESTARTING);
        assertThat(restarting.lastError())
                .isEqualTo("3 health checks in a row failed; the last: plugin 'db' reports it is down:"
                        + " database unreachable");
        assertThat(reported).contains(Phase.HEALTH.label());
        scheduler.advance(Duration.ofMillis(100));
        assertThat(store.starts()).isEqualTo(2);
        assertThat(status("db", "store").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void checksBackOffWhileFailing() {
        supervisor = supervisor(RESTARTS, new HealthPolicy(Duration.ofSeconds(1), 5, Duration.ofSeconds(4)));
        Deque<Health> answers = new ArrayDeque<>(
                List.of(Health.down("a"), Health.down("b"), Health.down("c"), Health.down("d"), Health.healthy()));
        supervisor.add("db", null, TestService.named("store"), LIMIT, answers::removeFirst);
        supervisor.startAll();

        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(2));
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(4));
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(4));
        scheduler.advance(Duration.ofSeconds(4));
        scheduler.advance(Duration.ofSeconds(4)); // healthy
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(1));
        assertThat(status("db", "store").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void stopOwnerStopsOnlyThatPluginsServices() {
        TestService poller = TestService.named("poller");
        TestService sender = TestService.named("sender");
        TestService indexer = TestService.named("indexer");
        supervisor.add("mail", null, poller, LIMIT, Health::healthy);
        supervisor.add("mail", null, sender, LIMIT);
        supervisor.add("search", null, indexer, LIMIT, Health::healthy);
        supervisor.startAll();

        assertThat(supervisor.stopOwner("mail")).isEmpty();

        assertThat(supervisor.statuses())
                .extracting(ServiceStatus::pluginId, ServiceStatus::name, ServiceStatus::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mail", "poller", ServiceState.STOPPED),
                        org.assertj.core.groups.Tuple.tuple("mail", "sender", ServiceState.STOPPED),
                        org.assertj.core.groups.Tuple.tuple("search", "indexer", ServiceState.RUNNING));
        assertThat(List.of(poller.stops(), sender.stops(), indexer.stops())).containsExactly(1, 1, 0);
        assertThat(scheduler.pendingDelays())
                .as("only the indexer is still checked")
                .hasSize(1);

        assertThat(supervisor.startOwner("mail")).isEmpty();
        assertThat(status("mail", "poller").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(poller.starts()).isEqualTo(2);
        assertThat(indexer.starts()).isEqualTo(1);
    }

    @Test
    void statusesReflectTransitions() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        supervisor.add(
                "mail",
                null,
                TestService.named("poller").onStart(() -> {
                    entered.countDown();
                    release.await();
                }),
                LIMIT);
        assertThat(status("mail", "poller"))
                .isEqualTo(new ServiceStatus("mail", "poller", ServiceState.STOPPED, 0, null, T0));

        scheduler.advance(Duration.ofSeconds(1));
        CompletableFuture<List<String>> starting = CompletableFuture.supplyAsync(supervisor::startAll);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(status("mail", "poller").state()).isEqualTo(ServiceState.STARTING);
        assertThat(status("mail", "poller").since()).isEqualTo(T0.plusSeconds(1));

        scheduler.advance(Duration.ofSeconds(1));
        release.countDown();
        assertThat(starting.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(status("mail", "poller"))
                .isEqualTo(new ServiceStatus("mail", "poller", ServiceState.RUNNING, 0, null, T0.plusSeconds(2)));

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(supervisor.stopAll(LIMIT)).isEmpty();
        assertThat(status("mail", "poller"))
                .isEqualTo(new ServiceStatus("mail", "poller", ServiceState.STOPPED, 0, null, T0.plusSeconds(3)));
    }

    @Test
    void rejectsASecondServiceWithTheSameNameInOnePlugin() {
        supervisor.add("mail", null, TestService.named("poller"), LIMIT);
        supervisor.add("news", null, TestService.named("poller"), LIMIT);

        assertThatThrownBy(() -> supervisor.add("mail", null, TestService.named("poller"), LIMIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'mail' already has a service named 'poller'; give each service of a plugin its"
                        + " own name");
        assertThat(supervisor.statuses()).hasSize(2);
    }

    @Test
    void closeStopsEverythingAndCancelsWhatIsScheduled() {
        TestService running = TestService.named("poller");
        supervisor.add("mail", null, running, LIMIT, Health::healthy);
        supervisor.add("web", null, TestService.named("http").onStart(failWith("port 8080 is in use")), LIMIT);
        supervisor.startAll();
        assertThat(scheduler.pendingDelays()).hasSize(2); // a health check and a restart

        supervisor.close();

        assertThat(scheduler.pendingDelays()).isEmpty();
        assertThat(running.stops()).isEqualTo(1);
        assertThat(supervisor.statuses()).extracting(ServiceStatus::state).containsOnly(ServiceState.STOPPED);
        assertThatThrownBy(() -> supervisor.add("mail", null, TestService.named("sender"), LIMIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the service supervisor is closed; service 'sender' of plugin 'mail' cannot be added");
        assertThatThrownBy(supervisor::startAll).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void removeOwnerStopsAndForgetsThePluginsServices() {
        TestService poller = TestService.named("poller");
        supervisor.add("mail", null, poller, LIMIT);
        supervisor.add("search", null, TestService.named("indexer"), LIMIT);
        supervisor.startAll();

        assertThat(supervisor.removeOwner("mail")).isEmpty();

        assertThat(poller.stops()).isEqualTo(1);
        assertThat(supervisor.statuses()).extracting(ServiceStatus::pluginId).containsExactly("search");
    }
}
