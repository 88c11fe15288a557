package dev.pincer.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardTest {

    /** What the sink was told, one entry per failure. */
    private record Told(String pluginId, Phase phase, Outcome<?> outcome) {}

    private final List<Told> told = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "guard-test-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final Guard guard = new Guard(executor, (id, phase, outcome) -> told.add(new Told(id, phase, outcome)));
    private final ClassLoader pluginLoader = new ClassLoader("plugin-x", GuardTest.class.getClassLoader()) {};

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void returnsTheValueAndTellsTheSinkNothing() {
        Outcome<Integer> outcome = guard.call("x", Phase.TOOL, null, null, () -> 42);

        assertThat(outcome).isEqualTo(new Outcome.Ok<>(42));
        assertThat(outcome.ok()).isTrue();
        assertThat(told).isEmpty();
    }

    @Test
    void returnsTheValueOfATimedCall() {
        assertThat(guard.call("x", Phase.TOOL, null, Duration.ofSeconds(10), () -> "done"))
                .isEqualTo(new Outcome.Ok<>("done"));
        assertThat(told).isEmpty();
    }

    @Test
    void turnsAnExceptionIntoAFailureNamingPluginPhaseAndErrorAndTellsTheSink() {
        IllegalStateException boom = new IllegalStateException("boom");

        Outcome<Object> outcome = guard.call("x", Phase.TOOL, null, null, () -> {
            throw boom;
        });

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        Outcome.Failed<Object> failed = (Outcome.Failed<Object>) outcome;
        assertThat(failed.message()).isEqualTo("plugin 'x' failed in tool: IllegalStateException: boom");
        assertThat(failed.error()).isSameAs(boom);
        assertThat(told).containsExactly(new Told("x", Phase.TOOL, outcome));
    }

    @Test
    void aPluginExceptionsMessageIsShownAsWrittenWithoutItsClassName() {
        Outcome<Object> named = guard.call("x", Phase.TOOL, null, null, () -> {
            throw new dev.pincer.api.PluginException("x.trap", "plugin 'x' trapped in 'run': unreachable");
        });
        Outcome<Object> bare = guard.call("x", Phase.TOOL, null, null, () -> {
            throw new dev.pincer.api.PluginException("x.city", "no city called 'Atlantis'");
        });

        assertThat(((Outcome.Failed<Object>) named).message()).isEqualTo("plugin 'x' trapped in 'run': unreachable");
        assertThat(((Outcome.Failed<Object>) bare).message())
                .isEqualTo("plugin 'x' failed in tool: no city called 'Atlantis'");
    }

    @Test
    void namesTheFullClassWhenTheExceptionHasNoMessage() {
        Outcome<Object> outcome = guard.call("x", Phase.ACTIVATE, null, Duration.ofSeconds(10), () -> {
            throw new UnsupportedOperationException();
        });

        assertThat(((Outcome.Failed<Object>) outcome).message())
                .isEqualTo("plugin 'x' failed in activate: java.lang.UnsupportedOperationException");
        assertThat(told).containsExactly(new Told("x", Phase.ACTIVATE, outcome));
    }

    @Test
    void catchesErrorsThatAreNotVirtualMachineErrors() {
        Outcome<Object> outcome = guard.call("x", Phase.HOOK, null, null, () -> {
            throw new NoClassDefFoundError("com/example/Missing");
        });

        assertThat(((Outcome.Failed<Object>) outcome).message())
                .isEqualTo("plugin 'x' failed in hook: NoClassDefFoundError: com/example/Missing");
    }

    @Test
    void rethrowsStackOverflowErrorInline() {
        StackOverflowError error = new StackOverflowError("deep");

        assertThatThrownBy(() -> guard.call("x", Phase.TOOL, null, null, () -> {
                    throw error;
                }))
                .isSameAs(error);
        assertThat(told).isEmpty();
    }

    @Test
    void rethrowsOutOfMemoryErrorFromATimedCall() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");

        assertThatThrownBy(() -> guard.call("x", Phase.TOOL, null, Duration.ofSeconds(10), () -> {
                    throw error;
                }))
                .isSameAs(error);
        assertThat(told).isEmpty();
    }

    @Test
    void rethrowsStackOverflowErrorFromATimedCallAndOutOfMemoryErrorInline() {
        StackOverflowError overflow = new StackOverflowError();
        OutOfMemoryError oom = new OutOfMemoryError();

        assertThatThrownBy(() -> guard.call("x", Phase.TOOL, null, Duration.ofSeconds(10), () -> {
                    throw overflow;
                }))
                .isSameAs(overflow);
        assertThatThrownBy(() -> guard.call("x", Phase.TOOL, null, null, () -> {
                    throw oom;
                }))
                .isSameAs(oom);
    }

    @Test
    void interruptsACallThatRunsOutOfTimeAndTellsTheSink() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);

        Outcome<Object> outcome = guard.call("x", Phase.ACTIVATE, null, Duration.ofMillis(100), () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "too late";
        });

        assertThat(outcome)
                .isEqualTo(new Outcome.TimedOut<>(
                        Duration.ofMillis(100),
                        "plugin 'x' did not finish activate within 100 ms; it was interrupted"));
        assertThat(interrupted.await(10, TimeUnit.SECONDS))
                .as("the worker thread was interrupted")
                .isTrue();
        assertThat(told).containsExactly(new Told("x", Phase.ACTIVATE, outcome));
    }

    @Test
    void setsTheContextClassLoaderDuringAnInlineCallAndRestoresIt() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        AtomicReference<ClassLoader> seen = new AtomicReference<>();

        guard.call("x", Phase.TOOL, pluginLoader, null, () -> {
            seen.set(Thread.currentThread().getContextClassLoader());
            return null;
        });

        assertThat(seen.get()).isSameAs(pluginLoader);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void restoresTheContextClassLoaderAfterAThrow() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        Outcome<Object> outcome = guard.call("x", Phase.TOOL, pluginLoader, null, () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(outcome.ok()).isFalse();
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void setsTheContextClassLoaderOnTheWorkerAndRestoresItThere() throws Exception {
        ClassLoader workerBefore = executor.submit(() -> Thread.currentThread().getContextClassLoader())
                .get();
        AtomicReference<ClassLoader> seen = new AtomicReference<>();

        guard.call("x", Phase.TOOL, pluginLoader, Duration.ofSeconds(10), () -> {
            seen.set(Thread.currentThread().getContextClassLoader());
            throw new IllegalStateException("boom");
        });

        assertThat(seen.get()).isSameAs(pluginLoader);
        assertThat(executor.submit(() -> Thread.currentThread().getContextClassLoader())
                        .get())
                .isSameAs(workerBefore);
    }

    @Test
    void leavesTheContextClassLoaderAloneWhenNoLoaderIsGiven() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        AtomicReference<ClassLoader> seen = new AtomicReference<>();

        guard.call("x", Phase.TOOL, null, null, () -> {
            seen.set(Thread.currentThread().getContextClassLoader());
            return null;
        });

        assertThat(seen.get()).isSameAs(before);
    }

    @Test
    void runsAnInlineCallOnTheCallersThreadAndATimedOneOnTheExecutor() {
        Thread caller = Thread.currentThread();

        Outcome<Thread> inline = guard.call("x", Phase.TOOL, null, null, Thread::currentThread);
        Outcome<Thread> timed = guard.call("x", Phase.TOOL, null, Duration.ofSeconds(10), Thread::currentThread);

        assertThat(((Outcome.Ok<Thread>) inline).value()).isSameAs(caller);
        assertThat(((Outcome.Ok<Thread>) timed).value().getName()).isEqualTo("guard-test-worker");
    }
}
