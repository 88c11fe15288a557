package dev.pincer.core.lifecycle;

import static dev.pincer.core.lifecycle.PluginState.ACTIVE;
import static dev.pincer.core.lifecycle.PluginState.AWAITING_APPROVAL;
import static dev.pincer.core.lifecycle.PluginState.BLOCKED;
import static dev.pincer.core.lifecycle.PluginState.DEACTIVATING;
import static dev.pincer.core.lifecycle.PluginState.DISABLED;
import static dev.pincer.core.lifecycle.PluginState.DISCOVERED;
import static dev.pincer.core.lifecycle.PluginState.FAILED;
import static dev.pincer.core.lifecycle.PluginState.INACTIVE;
import static dev.pincer.core.lifecycle.PluginState.LOADED;
import static dev.pincer.core.lifecycle.PluginState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PluginLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * The legal moves, written out again here so that a change to the table in {@link
     * PluginLifecycle} has to be made twice, on purpose.
     */
    private static final Map<PluginState, Set<PluginState>> LEGAL = Map.of(
            DISCOVERED, Set.of(RESOLVED, DISABLED, BLOCKED, AWAITING_APPROVAL, FAILED),
            AWAITING_APPROVAL, Set.of(RESOLVED, DISABLED, BLOCKED, FAILED),
            RESOLVED, Set.of(LOADED, FAILED, DISABLED, AWAITING_APPROVAL),
            LOADED, Set.of(ACTIVE, FAILED, INACTIVE),
            ACTIVE, Set.of(DEACTIVATING, FAILED),
            DEACTIVATING, Set.of(INACTIVE, FAILED),
            INACTIVE, Set.of(RESOLVED, DISABLED, AWAITING_APPROVAL),
            FAILED, Set.of(INACTIVE, RESOLVED, DISABLED),
            DISABLED, Set.of(RESOLVED, BLOCKED, AWAITING_APPROVAL),
            BLOCKED, Set.of(RESOLVED, DISABLED, AWAITING_APPROVAL));

    /** A clock that moves only when told to. */
    private static final class StepClock extends Clock {
        private volatile Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final StepClock clock = new StepClock();
    private final List<String> listenerFailures = new CopyOnWriteArrayList<>();
    private final PluginLifecycle lifecycle = new PluginLifecycle(
            clock, (change, error) -> listenerFailures.add(change.describe() + ": " + error.getMessage()));

    @Test
    void labelsEveryStateWithAPlainWord() {
        assertThat(PluginState.values())
                .extracting(PluginState::label)
                .containsExactly(
                        "discovered",
                        "disabled",
                        "blocked",
                        "awaiting-approval",
                        "resolved",
                        "loaded",
                        "active",
                        "deactivating",
                        "inactive",
                        "failed");
    }

    @Test
    void allowsEveryLegalMoveAndRefusesEveryOtherWithAMessage() {
        assertThat(LEGAL).containsOnlyKeys(PluginState.values());
        for (PluginState from : PluginState.values()) {
            assertThat(PluginLifecycle.allowedMoves(from))
                    .as("moves from %s", from)
                    .isEqualTo(LEGAL.get(from));
            for (PluginState to : PluginState.values()) {
                PluginLifecycle fresh = new PluginLifecycle(clock);
                fresh.track("x", from);
                if (LEGAL.get(from).contains(to)) {
                    StateChange change = fresh.transition("x", to, "test");
                    assertThat(change).isEqualTo(new StateChange("x", from, to, "test", T0));
                    assertThat(fresh.state("x")).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> fresh.transition("x", to, "test"))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessage("plugin 'x' cannot go from " + from.label() + " to " + to.label());
                    assertThat(fresh.state("x"))
                            .as("state after refusing %s -> %s", from, to)
                            .isEqualTo(from);
                }
            }
        }
    }

    @Test
    void refusesActiveToLoadedWithTheMessageAPersonReads() {
        lifecycle.track("weather", ACTIVE);

        assertThatThrownBy(() -> lifecycle.transition("weather", LOADED, "reload"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin 'weather' cannot go from active to loaded");
    }

    @Test
    void refusesUnknownPluginsBlankReasonsAndTrackingTwice() {
        lifecycle.track("x", RESOLVED);

        assertThatThrownBy(() -> lifecycle.state("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'nope' is not tracked");
        assertThatThrownBy(() -> lifecycle.transition("nope", RESOLVED, "r"))
                .hasMessage("plugin 'nope' is not tracked");
        assertThatThrownBy(() -> lifecycle.transition("x", LOADED, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'x' going from resolved to loaded needs a reason");
        assertThat(lifecycle.state("x")).isEqualTo(RESOLVED);
        assertThatThrownBy(() -> lifecycle.track("x", DISCOVERED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin 'x' is already tracked, in state resolved");
    }

    @Test
    void tellsListenersEveryChangeInOrderWithOldAndNewStateReasonAndClockTime() {
        List<StateChange> seen = new ArrayList<>();
        lifecycle.addListener(seen::add);
        lifecycle.track("x", DISCOVERED);

        lifecycle.transition("x", RESOLVED, "enabled, dependencies satisfied");
        clock.advance(Duration.ofSeconds(1));
        lifecycle.transition("x", LOADED, "jvm runtime loaded 2 jars");
        clock.advance(Duration.ofSeconds(2));
        lifecycle.transition("x", ACTIVE, "activate returned");

        assertThat(seen)
                .containsExactly(
                        new StateChange("x", DISCOVERED, RESOLVED, "enabled, dependencies satisfied", T0),
                        new StateChange("x", RESOLVED, LOADED, "jvm runtime loaded 2 jars", T0.plusSeconds(1)),
                        new StateChange("x", LOADED, ACTIVE, "activate returned", T0.plusSeconds(3)));
        assertThat(seen.get(2).describe()).isEqualTo("plugin 'x': loaded -> active (activate returned)");
    }

    @Test
    void tellsNoListenerAboutRefusedMovesOrTracking() {
        List<StateChange> seen = new ArrayList<>();
        lifecycle.addListener(seen::add);
        lifecycle.track("x", ACTIVE);

        assertThatThrownBy(() -> lifecycle.transition("x", LOADED, "r")).isInstanceOf(IllegalStateException.class);

        assertThat(seen).isEmpty();
    }

    @Test
    void aThrowingListenerStopsNeitherTheChangeNorLaterListeners() {
        List<StateChange> later = new ArrayList<>();
        lifecycle.addListener(change -> {
            throw new IllegalStateException("listener broke");
        });
        lifecycle.addListener(later::add);
        lifecycle.track("x", ACTIVE);

        StateChange change = lifecycle.transition("x", DEACTIVATING, "shutdown");

        assertThat(lifecycle.state("x")).isEqualTo(DEACTIVATING);
        assertThat(later).containsExactly(change);
        assertThat(listenerFailures).containsExactly("plugin 'x': active -> deactivating (shutdown): listener broke");
        lifecycle.transition("x", INACTIVE, "deactivated");
        assertThat(later).hasSize(2);
    }

    @Test
    void aListenerMayMoveThePluginAndEveryListenerHearsTheChangesInOrder() {
        List<String> seen = new ArrayList<>();
        lifecycle.addListener(change -> {
            if (change.to() == FAILED) {
                lifecycle.transition(change.pluginId(), INACTIVE, "cleaned up after failure");
            }
        });
        lifecycle.addListener(
                change -> seen.add(change.from().label() + "->" + change.to().label()));
        lifecycle.track("x", ACTIVE);

        lifecycle.transition("x", FAILED, "tool threw");

        assertThat(lifecycle.state("x")).isEqualTo(INACTIVE);
        assertThat(seen).containsExactly("active->failed", "failed->inactive");
    }

    @Test
    void removedListenersHearNothingMore() {
        List<StateChange> seen = new ArrayList<>();
        Consumer<StateChange> listener = seen::add;
        lifecycle.addListener(listener);
        lifecycle.track("x", DISCOVERED);

        assertThat(lifecycle.removeListener(listener)).isTrue();
        lifecycle.transition("x", RESOLVED, "r");

        assertThat(seen).isEmpty();
    }

    @Test
    void snapshotIsSortedAndDoesNotFollowLaterChanges() {
        lifecycle.track("b", ACTIVE);
        lifecycle.track("a", RESOLVED);

        Map<String, PluginState> before = lifecycle.snapshot();
        lifecycle.transition("a", LOADED, "loaded");

        assertThat(before).containsExactly(Map.entry("a", RESOLVED), Map.entry("b", ACTIVE));
        assertThat(lifecycle.snapshot()).containsEntry("a", LOADED);
        assertThatThrownBy(() -> before.put("c", FAILED)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void exactlyOneOfManyRacingThreadsWinsAMove() throws Exception {
        int threads = 16;
        List<StateChange> seen = new CopyOnWriteArrayList<>();
        lifecycle.addListener(seen::add);
        lifecycle.track("x", ACTIVE);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<String> race = () -> {
                    start.await();
                    try {
                        lifecycle.transition("x", DEACTIVATING, "shutdown");
                        return "won";
                    } catch (IllegalStateException e) {
                        return e.getMessage();
                    }
                };
                results.add(pool.submit(race));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> !o.equals("won"))
                    .hasSize(threads - 1)
                    .allMatch("plugin 'x' cannot go from deactivating to deactivating"::equals);
            assertThat(lifecycle.state("x")).isEqualTo(DEACTIVATING);
            assertThat(seen).containsExactly(new StateChange("x", ACTIVE, DEACTIVATING, "shutdown", T0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentMovesOnManyPluginsLeaveEachConsistentAndDeliverEveryChangeInOrder() throws Exception {
        int plugins = 32;
        List<PluginState> path = List.of(RESOLVED, LOADED, ACTIVE, DEACTIVATING, INACTIVE);
        List<StateChange> seen = new CopyOnWriteArrayList<>();
        lifecycle.addListener(seen::add);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < plugins; i++) {
                String id = "p" + i;
                lifecycle.track(id, DISCOVERED);
                results.add(pool.submit(() -> {
                    start.await();
                    for (PluginState to : path) {
                        lifecycle.transition(id, to, "step");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(lifecycle.snapshot().values()).hasSize(plugins).containsOnly(INACTIVE);
        assertThat(seen).hasSize(plugins * path.size());
        for (int i = 0; i < plugins; i++) {
            String id = "p" + i;
            assertThat(seen.stream().filter(c -> c.pluginId().equals(id)).map(StateChange::to))
                    .as("changes of %s, in delivery order", id)
                    .containsExactlyElementsOf(path);
        }
    }
}
